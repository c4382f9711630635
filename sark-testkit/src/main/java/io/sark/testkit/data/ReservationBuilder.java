package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.BudgetReservationsRecord;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A budget reservation (hold). Defaults: a new default budget as principal, an amount in [0.01, 5.00),
 * the budget's currency, expiring 15 minutes after "now". Inserting it also adds the amount to the budget's
 * daily and monthly reserved counters (in one transaction), so budget and reservations stay consistent. Times are
 * on the shared clock, so the DAO sees the hold live until it expires ({@code budgets().settle/release} work on
 * it). {@link #insert()} returns the DAO's {@link BudgetReservation} ({@code budgets().findReservation}).
 */
public final class ReservationBuilder {

    private final SarkData data;
    private final BudgetReservationsRecord record = new BudgetReservationsRecord();
    private final ObjectNode metadata = SarkJson.object();
    private String principalId;
    private String currency;
    private boolean updateBudget = true;

    ReservationBuilder(SarkData data, Draw draw) {
        this.data = data;
        record.setAmount(draw.decimal("0.01", "5.00", 2));
        record.setCreatedAt(Times.column(data.now()));
        record.setExpiresAt(Times.column(data.now().plus(Duration.ofMinutes(15))));
    }

    /** The budget it reserves from. */
    public ReservationBuilder budget(BudgetStatus budget) {
        this.principalId = budget.principalId();
        this.currency = currency != null ? currency : budget.currency();
        return this;
    }

    /** The principal (its budget must exist). */
    public ReservationBuilder principal(String principalId) {
        this.principalId = principalId;
        return this;
    }

    /** The amount (&gt; 0). */
    public ReservationBuilder amount(String amount) {
        record.setAmount(new BigDecimal(amount));
        return this;
    }

    /** ISO 4217 currency code (default: the budget's). */
    public ReservationBuilder currency(String currency) {
        this.currency = currency;
        return this;
    }

    /** Expiry relative to "now" (negative: already expired). */
    public ReservationBuilder expiresIn(Duration duration) {
        record.setExpiresAt(Times.column(data.now().plus(duration)));
        return this;
    }

    /** Whether to add the amount to the budget's reserved counters (default true). */
    public ReservationBuilder updateBudget(boolean updateBudget) {
        this.updateBudget = updateBudget;
        return this;
    }

    /** Adds {@code key: value} to {@code metadata}. */
    public ReservationBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Inserts the reservation (and a budget if none was given) and returns it as the DAO reads it. */
    public BudgetReservation insert() {
        if (principalId == null) {
            budget(data.defaultBudget());
        }
        record.setPrincipalId(principalId);
        record.setCurrency(currency != null ? currency : "USD");
        record.setMetadata(metadata);
        BudgetReservationsRecord row = data.dsl().transactionResult(tx -> {
            BudgetReservationsRecord stored = Rows.insert(tx.dsl(), Tables.BUDGET_RESERVATIONS, record);
            if (updateBudget) {
                var b = Tables.PRINCIPAL_BUDGETS;
                tx.dsl().update(b)
                        .set(b.DAILY_RESERVED, b.DAILY_RESERVED.plus(stored.getAmount()))
                        .set(b.MONTHLY_RESERVED, b.MONTHLY_RESERVED.plus(stored.getAmount()))
                        .where(b.PRINCIPAL_ID.eq(stored.getPrincipalId()))
                        .execute();
            }
            return stored;
        });
        return data.readBack("reservation", db -> db.budgets().findReservation(row.getPrincipalId(), row.getId()));
    }
}
