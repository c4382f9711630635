package io.sark.dao;

import static io.sark.schema.jooq.Tables.CAPABILITIES;
import static io.sark.schema.jooq.Tables.COST_TRACKING;
import static io.sark.schema.jooq.Tables.MV_DAILY_COST_SUMMARY;
import static io.sark.schema.jooq.Tables.RESOURCES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.sum;

import io.sark.dao.internal.Amounts;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.CostRows;
import io.sark.dao.internal.CostValidation;
import io.sark.dao.internal.CostValidation.ValidCost;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Errors;
import io.sark.dao.internal.LedgerBudgets;
import io.sark.dao.internal.TimeKeyset;
import io.sark.dao.model.Cost;
import io.sark.dao.model.CostBatchResult;
import io.sark.dao.model.CostQuery;
import io.sark.dao.model.CostSummary;
import io.sark.dao.model.CostTotal;
import io.sark.dao.model.DailyCostSummary;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.Page;
import io.sark.schema.InvalidInputException;
import io.sark.schema.jooq.tables.records.CostTrackingRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The per-invocation cost ledger ({@code cost_tracking}) and its daily summary view.
 *
 * <pre>{@code
 * Cost c = db.costs().record(NewCost.of("user-1", "res-1", "cap-1").actual("0.00003").idempotencyKey("req-42"));
 * CostBatchResult r = db.costs().recordAll(batch);                  // COPY above COPY_THRESHOLD rows
 * Page<Cost> page = db.costs().find(CostQuery.all().principal("user-1").from(start).to(end));
 * CostSummary s = db.costs().summary(CostQuery.all().principal("user-1"));
 * }</pre>
 *
 * <p>Promises:
 * <ul>
 *   <li>amounts are stored exactly (NUMERIC(18,8)); an amount that would need rounding is refused, never rounded;</li>
 *   <li>metadata is stored and returned verbatim;</li>
 *   <li>a cost with an idempotency key is stored once per (principal, key), however often and however concurrently
 *       it is recorded; every later record returns (or counts as a duplicate of) the first row;</li>
 *   <li>the first cost of a principal creates its budget row (no limits, the cost's currency) in the same
 *       statement or transaction, like the reference did;</li>
 *   <li>recording does <em>not</em> charge the principal's budget: use
 *       {@link PrincipalBudgetDao#recordAndCharge(NewCost)}, or charge/settle separately;</li>
 *   <li>every amount aggregate (summary, daily view) counts {@code COALESCE(actual_cost, estimated_cost)}, per
 *       currency, by UTC day;</li>
 *   <li>invalid input throws {@link InvalidInputException} naming the field and writes nothing (for a batch:
 *       no row of the batch).</li>
 * </ul>
 * Stateless and thread-safe; on a {@link SarkTransaction} it runs in that transaction.
 */
public final class CostLedgerDao {

    /** Batches of at least this many rows are written with COPY; smaller ones with multi-row INSERTs. */
    public static final int COPY_THRESHOLD = 1_000;

    /** COALESCE(actual_cost, estimated_cost): the amount rule of the summary and of mv_daily_cost_summary. */
    private static final Field<BigDecimal> AMOUNT = coalesce(COST_TRACKING.ACTUAL_COST, COST_TRACKING.ESTIMATED_COST);
    private static final Field<LocalDate> UTC_DAY =
            field("({0} at time zone 'UTC')::date", SQLDataType.LOCALDATE, COST_TRACKING.TIMESTAMP);
    private static final Field<String> PROTOCOL = coalesce(RESOURCES.PROTOCOL, inline("unknown"));
    private static final TimeKeyset<CostTrackingRecord, Long, Cost> KEYSET = new TimeKeyset<>("costs", COST_TRACKING,
            COST_TRACKING.TIMESTAMP, COST_TRACKING.ID, Long::valueOf, Cost::timestamp, Cost::id);

    /** The {@code dao} tag of this DAO's operation timers. */
    private static final String DAO = "costs";

    private final DaoContext context;

    CostLedgerDao(DaoContext context) {
        this.context = context;
    }

    /**
     * Records one cost and returns its ledger row. With an idempotency key already recorded for the principal,
     * writes nothing and returns the row first recorded with it (whatever the other fields of this call).
     *
     * @throws InvalidInputException if a field is invalid (nothing written)
     */
    public Cost record(NewCost cost) {
        return context.metrics().time(DAO, "record", () -> {
            ValidCost c = CostValidation.cost("cost", cost, context.now());
            boolean withBudget = !LedgerBudgets.apart(context);
            if (c.idempotencyKey() == null) {
                Cost row = LedgerBudgets.around(context, List.of(c), () -> Errors.translate(() -> CostRows.insert(context, c, withBudget)));
                context.metrics().ledgerRows("single", 1);
                return row;
            }
            record Recorded(Cost row, boolean replayed) {
            }
            Supplier<Recorded> write = () -> Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                Optional<Cost> replayed = CostRows.replayed(tx, c, c.timestamp());
                return replayed.isPresent() ? new Recorded(replayed.get(), true)
                        : new Recorded(CostRows.insertClaimed(context.with(tx), c, withBudget), false);
            }));
            Recorded r = LedgerBudgets.around(context, List.of(c), write);
            if (r.replayed()) {
                context.metrics().ledgerReplays(1);
            } else {
                context.metrics().ledgerRows("single", 1);
            }
            return r.row();
        });
    }

    /**
     * Records many costs in one transaction: all or none. Rows without an idempotency key go through COPY when
     * there are at least {@link #COPY_THRESHOLD} of them, else through multi-row INSERTs; rows with a key are
     * staged (COPY into a temporary table) and inserted set-wise, keeping the first row per (principal, key) that
     * is not already recorded. Budget rows are created first for principals that have none.
     *
     * @throws InvalidInputException naming {@code costs[i]} (a null element), {@code costs[i].estimatedCost} (no amount)
     *                               or {@code costs[i].metadata} (changed after construction); nothing written
     */
    public CostBatchResult recordAll(List<NewCost> costs) {
        return context.metrics().time(DAO, "record_all", () -> {
            Check.notNull("costs", costs);
            List<ValidCost> plain = new ArrayList<>();
            List<ValidCost> keyed = new ArrayList<>();
            List<ValidCost> all = new ArrayList<>(costs.size());
            var now = context.now();
            for (int i = 0; i < costs.size(); i++) {
                ValidCost c = CostValidation.cost("costs", i, costs.get(i), now);
                (c.idempotencyKey() == null ? plain : keyed).add(c);
                all.add(c);
            }
            if (costs.isEmpty()) {
                return new CostBatchResult(0, 0, false);
            }
            boolean withBudgets = !LedgerBudgets.apart(context);
            CostBatchResult result = LedgerBudgets.around(context, all, () -> Errors.translate(() -> context.dsl().transactionResult(cfg ->
                    CostRows.recordAll(DSL.using(cfg), plain, keyed, now, COPY_THRESHOLD, withBudgets))));
            context.metrics().ledgerRows(result.copied() ? "copy" : "batch", result.inserted());
            context.metrics().ledgerReplays(result.duplicates());
            return result;
        });
    }

    /** The first page of {@link #find(CostQuery, String)}. */
    public Page<Cost> find(CostQuery query) {
        return find(query, null);
    }

    /**
     * One page of the ledger rows matching {@code query}, at most {@code query.limit()} rows, in
     * {@code ("timestamp", id)} order, after the position in {@code pageToken} (null for the first page).
     *
     * @throws InvalidInputException ({@code pageToken}) if the token is not one of this listing
     */
    public Page<Cost> find(CostQuery query, String pageToken) {
        return context.metrics().time(DAO, "find", () -> {
            Check.notNull("query", query);
            return KEYSET.page(context, filters(query), pageToken, query.limit(), CostRows::map);
        });
    }

    /**
     * Count and totals of the rows matching {@code query} (its limit is ignored), per currency, per
     * protocol and per UTC day, in one statement. Amounts: {@code COALESCE(actual_cost, estimated_cost)}.
     */
    public CostSummary summary(CostQuery query) {
        return context.metrics().time(DAO, "summary", () -> {
            Check.notNull("query", query);
            Field<LocalDate> day = UTC_DAY.as("day");
            Field<String> protocol = PROTOCOL.as("protocol");
            Field<Long> n = count().cast(SQLDataType.BIGINT).as("n");
            Field<BigDecimal> total = sum(AMOUNT).as("total");
            // the finest grain in SQL, rolled up here: GROUPING SETS would be shorter, but Citus runs them only for
            // one principal (docs/platforms.md), and there are at most currencies x protocols x days of these rows
            var result = context.dsl()
                    .select(COST_TRACKING.CURRENCY, protocol, day, n, total)
                    .from(COST_TRACKING)
                    .leftJoin(CAPABILITIES).on(CAPABILITIES.ID.eq(COST_TRACKING.CAPABILITY_ID))
                    .leftJoin(RESOURCES).on(RESOURCES.ID.eq(CAPABILITIES.RESOURCE_ID))
                    .where(filters(query))
                    .groupBy(COST_TRACKING.CURRENCY, PROTOCOL, UTC_DAY)
                    .fetch();
            Map<String, CostTotal> totals = new TreeMap<>();
            Map<String, Map<String, CostTotal>> byProtocol = new TreeMap<>();
            Map<LocalDate, Map<String, CostTotal>> byDay = new TreeMap<>();
            long count = 0;
            for (Record r : result) {
                CostTotal t = new CostTotal(r.get(COST_TRACKING.CURRENCY), r.get(n), r.get(total));
                count += t.count();
                add(totals, t);
                add(byProtocol.computeIfAbsent(r.get(protocol), k -> new TreeMap<>()), t);
                add(byDay.computeIfAbsent(r.get(day), k -> new TreeMap<>()), t);
            }
            Map<String, List<CostTotal>> protocols = new LinkedHashMap<>();
            byProtocol.forEach((k, v) -> protocols.put(k, List.copyOf(v.values())));
            Map<LocalDate, List<CostTotal>> days = new LinkedHashMap<>();
            byDay.forEach((k, v) -> days.put(k, List.copyOf(v.values())));
            return new CostSummary(count, List.copyOf(totals.values()), protocols, days);
        });
    }

    /** Adds {@code t} to the total of its currency in {@code byCurrency}. */
    private static void add(Map<String, CostTotal> byCurrency, CostTotal t) {
        byCurrency.merge(t.currency(), t, (a, b) -> new CostTotal(a.currency(), a.count() + b.count(),
                a.total() == null ? b.total() : b.total() == null ? a.total() : a.total().add(b.total())));
    }

    /**
     * Recomputes {@code mv_daily_cost_summary} with {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}: readers keep
     * seeing the previous contents meanwhile. Concurrent refreshes serialise.
     */
    public void refreshDailySummary() {
        context.dsl().execute("refresh materialized view concurrently {0}", MV_DAILY_COST_SUMMARY);
    }

    /**
     * Rows of the daily view for the UTC days {@code from <= date < to} (half-open, like every range in the SDK),
     * optionally of one principal, ordered by date, principal, protocol, currency. As fresh as the last
     * {@link #refreshDailySummary()}. Amounts have scale 8; {@code avgCost} is rounded half-even to scale 8.
     *
     * @throws InvalidInputException ({@code to}) if {@code to} is not after {@code from}
     */
    public List<DailyCostSummary> dailySummary(Optional<String> principalId, LocalDate from, LocalDate to) {
        Check.notNull("from", from);
        Check.notNull("to", to);
        Check.notNull("principalId", principalId);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from (" + from + "), the range is [from, to)");
        }
        Condition where = MV_DAILY_COST_SUMMARY.DATE.ge(from).and(MV_DAILY_COST_SUMMARY.DATE.lt(to));
        if (principalId.isPresent()) {
            where = where.and(MV_DAILY_COST_SUMMARY.PRINCIPAL_ID.eq(CostValidation.id("principalId", principalId.get())));
        }
        return context.dsl().selectFrom(MV_DAILY_COST_SUMMARY)
                .where(where)
                .orderBy(MV_DAILY_COST_SUMMARY.DATE, MV_DAILY_COST_SUMMARY.PRINCIPAL_ID, MV_DAILY_COST_SUMMARY.PROTOCOL,
                        MV_DAILY_COST_SUMMARY.CURRENCY)
                .fetch(r -> new DailyCostSummary(r.getDate(), r.getPrincipalId(), r.getProtocol(), r.getCurrency(),
                        r.getInvocationCount(), Amounts.of(r.getTotalCost()), Amounts.rounded(r.getAvgCost()),
                        Amounts.of(r.getMinCost()), Amounts.of(r.getMaxCost())));
    }

    // ------------------------------------------------------------------------------------------------------

    private static Condition filters(CostQuery q) {
        Condition c = noCondition();
        if (q.principalId().isPresent()) {
            c = c.and(COST_TRACKING.PRINCIPAL_ID.eq(q.principalId().get()));
        }
        if (q.resourceId().isPresent()) {
            c = c.and(COST_TRACKING.RESOURCE_ID.eq(q.resourceId().get()));
        }
        if (q.capabilityId().isPresent()) {
            c = c.and(COST_TRACKING.CAPABILITY_ID.eq(q.capabilityId().get()));
        }
        if (q.from().isPresent()) {
            c = c.and(COST_TRACKING.TIMESTAMP.ge(Db.odt(q.from().get())));
        }
        if (q.to().isPresent()) {
            c = c.and(COST_TRACKING.TIMESTAMP.lt(Db.odt(q.to().get())));
        }
        return c;
    }
}
