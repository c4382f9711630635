package io.sark.dao.internal;

import static io.sark.schema.jooq.Tables.COST_IDEMPOTENCY;
import static io.sark.schema.jooq.Tables.COST_TRACKING;
import static io.sark.schema.jooq.Tables.PRINCIPAL_BUDGETS;
import static org.jooq.impl.DSL.val;

import io.sark.dao.internal.CostValidation.ValidCost;
import io.sark.dao.model.Cost;
import io.sark.dao.model.CostBatchResult;
import io.sark.schema.SarkException;
import io.sark.schema.jooq.tables.records.CostTrackingRecord;
import io.sark.schema.json.SarkJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * Every write of the cost ledger, for {@code CostLedgerDao} and {@code PrincipalBudgetDao}: the single-row insert
 * (creating the principal's unlimited budget row first when absent, in the same statement), the idempotency
 * claim and the lookup of a replayed key's original row, and the batch writes (multi-row INSERT, COPY through
 * {@link CostCopy}, keyed rows staged and inserted set-wise). Internal.
 */
public final class CostRows {

    private static final int INSERT_CHUNK = 1_000;

    private CostRows() {
    }

    /**
     * Inserts {@code c} and returns its row, on the context's connection (its transaction, if any). With
     * {@code withBudget} the principal's budget row is created first if absent, in the same statement; without, it
     * must exist ({@link LedgerBudgets#around}). The SQL is rendered by jOOQ once per schema and run through plain
     * JDBC, and only the generated id and the stored metadata come back: the other columns are the validated input.
     * Timestamps are bound as text with a cast, as jOOQ binds them.
     */
    public static Cost insert(DaoContext context, CostValidation.ValidCost c, boolean withBudget) {
        String sql = withBudget ? Jdbc.sql(context, "costs.insertWithBudget", dsl -> insertStatement(dsl, true))
                : Jdbc.sql(context, "costs.insert", dsl -> insertStatement(dsl, false));
        return Jdbc.onConnection(context.dsl(), conn -> insert(conn, sql, c, withBudget));
    }

    private static Cost insert(Connection conn, String sql, CostValidation.ValidCost c, boolean withBudget)
            throws SQLException {
        String ts = CostCopy.format(c.timestamp());
        Object[] budget = {c.principalId(), c.currency(), ts, ts};
        Object[] cost = {ts, c.principalId(), c.resourceId(), c.capabilityId(), c.estimatedCost(), c.actualCost(),
                c.currency(), c.idempotencyKey(), SarkJson.write(c.metadata())};
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int p = 1;
            if (withBudget) {
                for (Object v : budget) {
                    ps.setObject(p++, v, Types.VARCHAR);
                }
            }
            for (int i = 0; i < cost.length; i++) {
                ps.setObject(p++, cost[i], i == 4 || i == 5 ? Types.NUMERIC : Types.VARCHAR);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Cost(rs.getLong(1), c.timestamp().toInstant(), c.principalId(), c.resourceId(),
                        c.capabilityId(), Optional.ofNullable(Amounts.of(c.estimatedCost())),
                        Optional.ofNullable(Amounts.of(c.actualCost())), c.currency(),
                        Optional.ofNullable(c.idempotencyKey()), SarkJson.parse(rs.getString(2)));
            }
        }
    }

    /** {@link #insert}'s statements, with the parameters in the order it binds them. */
    private static Query insertStatement(DSLContext dsl, boolean withBudget) {
        var insert = DSL.insertInto(COST_TRACKING, COST_TRACKING.TIMESTAMP, COST_TRACKING.PRINCIPAL_ID,
                        COST_TRACKING.RESOURCE_ID, COST_TRACKING.CAPABILITY_ID, COST_TRACKING.ESTIMATED_COST,
                        COST_TRACKING.ACTUAL_COST, COST_TRACKING.CURRENCY, COST_TRACKING.IDEMPOTENCY_KEY,
                        COST_TRACKING.METADATA)
                .values(val(null, COST_TRACKING.TIMESTAMP), val(null, COST_TRACKING.PRINCIPAL_ID),
                        val(null, COST_TRACKING.RESOURCE_ID), val(null, COST_TRACKING.CAPABILITY_ID),
                        val(null, COST_TRACKING.ESTIMATED_COST), val(null, COST_TRACKING.ACTUAL_COST),
                        val(null, COST_TRACKING.CURRENCY), val(null, COST_TRACKING.IDEMPOTENCY_KEY),
                        val(null, COST_TRACKING.METADATA))
                .returning(COST_TRACKING.ID, COST_TRACKING.METADATA);
        if (!withBudget) {
            return insert;
        }
        var ensureBudget = DSL.insertInto(PRINCIPAL_BUDGETS, PRINCIPAL_BUDGETS.PRINCIPAL_ID, PRINCIPAL_BUDGETS.CURRENCY,
                        PRINCIPAL_BUDGETS.CREATED_AT, PRINCIPAL_BUDGETS.UPDATED_AT)
                .values(val(null, PRINCIPAL_BUDGETS.PRINCIPAL_ID), val(null, PRINCIPAL_BUDGETS.CURRENCY),
                        val(null, PRINCIPAL_BUDGETS.CREATED_AT), val(null, PRINCIPAL_BUDGETS.UPDATED_AT))
                .onConflictDoNothing();
        return dsl.query("with ensure_budget as ({0}) {1}", ensureBudget, insert);
    }

    /**
     * Claims the idempotency key of {@code c} (if it has one) as of {@code now}: empty when this transaction is the
     * first to record it (or there is no key), else the row first recorded with it (a replay: write nothing).
     */
    public static Optional<Cost> replayed(DSLContext tx, CostValidation.ValidCost c, OffsetDateTime now) {
        if (c.idempotencyKey() == null || claimKey(tx, c.principalId(), c.idempotencyKey(), now)) {
            return Optional.empty();
        }
        return Optional.of(original(tx, c.principalId(), c.idempotencyKey()));
    }

    /** Inserts {@code c} after {@link #replayed} claimed its key, and points the key at the new row. */
    public static Cost insertClaimed(DaoContext tx, CostValidation.ValidCost c, boolean withBudget) {
        Cost inserted = insert(tx, c, withBudget);
        if (c.idempotencyKey() != null) {
            linkKey(tx.dsl(), inserted);
        }
        return inserted;
    }

    /**
     * Claims {@code (principal, key)}; true when this transaction is the first to record it (a concurrent claim of
     * the same key waits for the other transaction and then sees it).
     */
    private static boolean claimKey(DSLContext dsl, String principalId, String key, OffsetDateTime now) {
        return dsl.insertInto(COST_IDEMPOTENCY, COST_IDEMPOTENCY.PRINCIPAL_ID, COST_IDEMPOTENCY.IDEMPOTENCY_KEY,
                        COST_IDEMPOTENCY.CREATED_AT)
                .values(principalId, key, now)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Points the claimed key at its cost row. */
    private static void linkKey(DSLContext dsl, Cost cost) {
        dsl.update(COST_IDEMPOTENCY)
                .set(COST_IDEMPOTENCY.COST_ID, cost.id())
                .set(COST_IDEMPOTENCY.COST_TIMESTAMP, Db.odt(cost.timestamp()))
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
        return new Cost(r.getId(), r.getTimestamp().toInstant(), r.getPrincipalId(),
                r.getResourceId(), r.getCapabilityId(), Optional.ofNullable(r.getEstimatedCost()),
                Optional.ofNullable(r.getActualCost()), r.getCurrency(), Optional.ofNullable(r.getIdempotencyKey()),
                r.getMetadata());
    }

    // ---------------------------------------------------------------------------------------------- batches

    /**
     * Records many costs in the caller's transaction: budget rows first for principals that have none (with
     * {@code withBudgets}; else they exist, {@link LedgerBudgets#around}); rows
     * without a key through COPY from {@code copyThreshold} rows on, else multi-row INSERTs; keyed rows staged and
     * inserted set-wise, first row per (principal, key) not already recorded.
     */
    public static CostBatchResult recordAll(DSLContext tx, List<ValidCost> plain, List<ValidCost> keyed, OffsetDateTime now,
                                            int copyThreshold, boolean withBudgets) {
        if (withBudgets) {
            List<ValidCost> all = new ArrayList<>(plain);
            all.addAll(keyed);
            LedgerBudgets.create(tx, all, now);
        }
        int inserted = 0;
        boolean copied = false;
        if (plain.size() >= copyThreshold) {
            inserted += (int) copyInto(tx, tx.render(COST_TRACKING), plain, false);
            copied = true;
        } else if (!plain.isEmpty()) {
            inserted += insertValues(tx, plain);
        }
        int keyedInserted = 0;
        if (!keyed.isEmpty()) {
            keyedInserted = insertKeyed(tx, keyed, now);
            copied = true;
        }
        return new CostBatchResult(inserted + keyedInserted, keyed.size() - keyedInserted, copied);
    }

    private static int insertValues(DSLContext tx, List<ValidCost> costs) {
        int n = 0;
        for (int from = 0; from < costs.size(); from += INSERT_CHUNK) {
            var insert = tx.insertInto(COST_TRACKING, COST_TRACKING.TIMESTAMP, COST_TRACKING.PRINCIPAL_ID,
                    COST_TRACKING.RESOURCE_ID, COST_TRACKING.CAPABILITY_ID, COST_TRACKING.ESTIMATED_COST,
                    COST_TRACKING.ACTUAL_COST, COST_TRACKING.CURRENCY, COST_TRACKING.IDEMPOTENCY_KEY,
                    COST_TRACKING.METADATA);
            for (ValidCost c : costs.subList(from, Math.min(costs.size(), from + INSERT_CHUNK))) {
                insert = insert.values(c.timestamp(), c.principalId(), c.resourceId(), c.capabilityId(),
                        c.estimatedCost(), c.actualCost(), c.currency(), c.idempotencyKey(), c.metadata());
            }
            n += ((org.jooq.Insert<?>) insert).execute();
        }
        return n;
    }

    private static long copyInto(DSLContext tx, String target, List<ValidCost> costs, boolean withOrdinal) {
        String sql = "COPY " + target + " (" + CostCopy.COLUMNS + (withOrdinal ? ", ord" : "") + ") FROM STDIN";
        return tx.connectionResult(conn -> CostCopy.copy(conn, sql, costs, withOrdinal));
    }

    /**
     * Keyed rows: COPY into a transaction-local staging table, claim the first row per (principal, key) in
     * cost_idempotency, insert the claimed rows, then point the key rows at them (rule 2, set-wise).
     */
    private static int insertKeyed(DSLContext tx, List<ValidCost> keyed, OffsetDateTime now) {
        tx.execute("create temp table if not exists sark_cost_stage ("
                + "\"timestamp\" timestamptz, principal_id varchar(255), resource_id varchar(255), capability_id varchar(255), "
                + "estimated_cost numeric(18,8), actual_cost numeric(18,8), currency varchar(3), idempotency_key varchar(255), "
                + "metadata jsonb, ord int) on commit drop");
        tx.execute("create temp table if not exists sark_cost_stage_done ("
                + "id bigint, \"timestamp\" timestamptz, principal_id varchar(255), idempotency_key varchar(255)) on commit drop");
        tx.execute("truncate sark_cost_stage, sark_cost_stage_done");
        copyInto(tx, "sark_cost_stage", keyed, true);
        tx.execute("with firsts as ("
                        + "  select distinct on (principal_id, idempotency_key) * from sark_cost_stage"
                        + "  order by principal_id, idempotency_key, ord), "
                        + "claimed as ("
                        + "  insert into {0} (principal_id, idempotency_key, created_at)"
                        + "  select principal_id, idempotency_key, {2} from firsts order by principal_id, idempotency_key"
                        + "  on conflict do nothing returning principal_id, idempotency_key), "
                        + "ins as ("
                        + "  insert into {1} (" + CostCopy.COLUMNS + ")"
                        + "  select f.\"timestamp\", f.principal_id, f.resource_id, f.capability_id, f.estimated_cost,"
                        + "         f.actual_cost, f.currency, f.idempotency_key, f.metadata"
                        + "  from firsts f join claimed c using (principal_id, idempotency_key)"
                        + "  returning id, \"timestamp\", principal_id, idempotency_key) "
                        + "insert into sark_cost_stage_done select * from ins",
                COST_IDEMPOTENCY, COST_TRACKING, val(now));
        return tx.execute("update {0} ci set cost_id = d.id, cost_timestamp = d.\"timestamp\" from sark_cost_stage_done d"
                        + " where ci.principal_id = d.principal_id and ci.idempotency_key = d.idempotency_key",
                COST_IDEMPOTENCY);
    }
}
