package io.sark.dao.internal;

import static io.sark.schema.jooq.Tables.AUDIT_EVENTS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.BudgetWindow;
import io.sark.schema.jooq.enums.Auditeventtype;
import io.sark.schema.jooq.enums.Severitylevel;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Appends the {@code cost_limit_exceeded} audit event of a refused charge, reservation or settle, written
 * directly with jOOQ (the budget DAO does not depend on the audit DAO). Internal.
 */
public final class BudgetAudit {

    private BudgetAudit() {
    }

    /** What was refused, for the event's details. */
    public record Refusal(String operation, String principalId, BigDecimal amount, String currency,
                          BudgetWindow window, BudgetStatus status, String resourceId, String capabilityId,
                          Long reservationId, BigDecimal estimatedCost, BigDecimal actualCost) {
    }

    /** Inserts the event with {@code dsl} (its own statement: autocommitted outside a caller's transaction). */
    public static void costLimitExceeded(DSLContext dsl, OffsetDateTime now, Refusal r) {
        ObjectNode details = SarkJson.object();
        details.put("operation", r.operation());
        details.put("principal_id", r.principalId());
        details.put("amount", r.amount());
        details.put("currency", r.currency());
        details.put("window", r.window().name().toLowerCase(Locale.ROOT));
        BudgetStatus s = r.status();
        BigDecimal limit = (r.window() == BudgetWindow.DAILY ? s.dailyLimit() : s.monthlyLimit()).orElse(null);
        details.put("limit", limit);
        details.put("spent", r.window() == BudgetWindow.DAILY ? s.dailySpent() : s.monthlySpent());
        details.put("reserved", s.reserved());
        details.put("budget_currency", s.currency());
        details.put("window_start", (r.window() == BudgetWindow.DAILY ? s.dailyWindowStart() : s.monthlyWindowStart()).toString());
        if (r.resourceId() != null) {
            details.put("resource_id", r.resourceId());
        }
        if (r.reservationId() != null) {
            details.put("reservation_id", r.reservationId());
        }
        dsl.insertInto(AUDIT_EVENTS)
                .set(AUDIT_EVENTS.ID, UUID.randomUUID())
                .set(AUDIT_EVENTS.TIMESTAMP, now)
                .set(AUDIT_EVENTS.EVENT_TYPE, Auditeventtype.cost_limit_exceeded)
                .set(AUDIT_EVENTS.SEVERITY, Severitylevel.medium)
                .set(AUDIT_EVENTS.DECISION, "denied")
                .set(AUDIT_EVENTS.CAPABILITY_ID, r.capabilityId())
                .set(AUDIT_EVENTS.ESTIMATED_COST, r.estimatedCost())
                .set(AUDIT_EVENTS.ACTUAL_COST, r.actualCost())
                .set(AUDIT_EVENTS.DETAILS, details)
                .execute();
    }
}
