package io.sark.dao.internal;

import static io.sark.schema.jooq.Tables.COST_IDEMPOTENCY;
import static io.sark.schema.jooq.Tables.COST_TRACKING;
import static io.sark.schema.jooq.Tables.PRINCIPAL_BUDGETS;

import io.sark.dao.model.Cost;
import io.sark.schema.SarkException;
import io.sark.schema.jooq.tables.records.CostTrackingRecord;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The ledger's writes shared by {@code CostLedgerDao} and {@code PrincipalBudgetDao}: the single-row insert
 * (creating the principal's unlimited budget row first when absent, in the same statement), the idempotency
 * claim and the lookup of a replayed key's original row. Internal.
 */
public final class CostRows {

    private CostRows() {
    }

    /**
     * Inserts {@code c} in one statement; the principal's budget row is created first if absent (no limits, the
     * cost's currency), because cost_tracking references principal_budgets.
     */
    public static Cost insert(DSLContext dsl, CostValidation.ValidCost c) {
        var ensureBudget = DSL.insertInto(PRINCIPAL_BUDGETS, PRINCIPAL_BUDGETS.PRINCIPAL_ID, PRINCIPAL_BUDGETS.CURRENCY,
                        PRINCIPAL_BUDGETS.CREATED_AT, PRINCIPAL_BUDGETS.UPDATED_AT)
                .values(c.principalId(), c.currency(), c.timestamp(), c.timestamp())
                .onConflictDoNothing();
        var insert = DSL.insertInto(COST_TRACKING, COST_TRACKING.TIMESTAMP, COST_TRACKING.PRINCIPAL_ID,
                        COST_TRACKING.RESOURCE_ID, COST_TRACKING.CAPABILITY_ID, COST_TRACKING.ESTIMATED_COST,
                        COST_TRACKING.ACTUAL_COST, COST_TRACKING.CURRENCY, COST_TRACKING.IDEMPOTENCY_KEY,
                        COST_TRACKING.METADATA)
                .values(c.timestamp(), c.principalId(), c.resourceId(), c.capabilityId(), c.estimatedCost(),
                        c.actualCost(), c.currency(), c.idempotencyKey(), c.metadata())
                .returning(COST_TRACKING.fields());
        CostTrackingRecord r = dsl.resultQuery("with ensure_budget as ({0}) {1}", ensureBudget, insert)
                .coerce(COST_TRACKING)
                .fetchOne();
        return map(r);
    }

    /**
     * Claims {@code (principal, key)}; true when this transaction is the first to record it (a concurrent claim of
     * the same key waits for the other transaction and then sees it).
     */
    public static boolean claimKey(DSLContext dsl, String principalId, String key, java.time.OffsetDateTime now) {
        return dsl.insertInto(COST_IDEMPOTENCY, COST_IDEMPOTENCY.PRINCIPAL_ID, COST_IDEMPOTENCY.IDEMPOTENCY_KEY,
                        COST_IDEMPOTENCY.CREATED_AT)
                .values(principalId, key, now)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Points the claimed key at its cost row. */
    public static void linkKey(DSLContext dsl, Cost cost) {
        dsl.update(COST_IDEMPOTENCY)
                .set(COST_IDEMPOTENCY.COST_ID, cost.id())
                .set(COST_IDEMPOTENCY.COST_TIMESTAMP, cost.timestamp())
                .where(COST_IDEMPOTENCY.PRINCIPAL_ID.eq(cost.principalId()))
                .and(COST_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(cost.idempotencyKey().orElseThrow()))
                .execute();
    }

    /** The row first recorded with {@code (principal, key)}. */
    public static Cost original(DSLContext dsl, String principalId, String key) {
        Optional<CostTrackingRecord> r = dsl.select(COST_TRACKING.fields())
                .from(COST_IDEMPOTENCY)
                .join(COST_TRACKING).on(COST_TRACKING.PRINCIPAL_ID.eq(COST_IDEMPOTENCY.PRINCIPAL_ID)
                        .and(COST_TRACKING.TIMESTAMP.eq(COST_IDEMPOTENCY.COST_TIMESTAMP))
                        .and(COST_TRACKING.ID.eq(COST_IDEMPOTENCY.COST_ID)))
                .where(COST_IDEMPOTENCY.PRINCIPAL_ID.eq(principalId))
                .and(COST_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(key))
                .fetchOptionalInto(COST_TRACKING);
        return r.map(CostRows::map).orElseThrow(() -> new SarkException("idempotency key '" + key + "' of principal "
                + principalId + " was recorded, but its ledger row no longer exists (removed by retention)"));
    }

    /** The API record of a ledger row. */
    public static Cost map(CostTrackingRecord r) {
        return new Cost(r.getId(), r.getTimestamp().withOffsetSameInstant(java.time.ZoneOffset.UTC), r.getPrincipalId(),
                r.getResourceId(), r.getCapabilityId(), Optional.ofNullable(r.getEstimatedCost()),
                Optional.ofNullable(r.getActualCost()), r.getCurrency(), Optional.ofNullable(r.getIdempotencyKey()),
                r.getMetadata());
    }
}
