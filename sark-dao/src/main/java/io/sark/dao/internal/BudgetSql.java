package io.sark.dao.internal;

import static io.sark.schema.jooq.Tables.BUDGET_RESERVATIONS;
import static io.sark.schema.jooq.Tables.PRINCIPAL_BUDGETS;

import io.sark.schema.SchemaNames;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * The budget statement — one conditional UPDATE of one principal's row — as cached SQL text run through pgjdbc on
 * jOOQ's connection (the caller's transaction if any), with the tables qualified by the configured schema. It is
 * the hot path of every charge, so it skips jOOQ's per-call rendering and record mapping (measured: ~3x the cost of
 * the statement itself). Internal.
 */
public final class BudgetSql {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    /** The current-windows charge of each schema, without and with its RETURNING. */
    private static final Map<String, String> CHARGE = new ConcurrentHashMap<>();
    private static final Map<String, String> CHARGE_RETURNING = new ConcurrentHashMap<>();

    private BudgetSql() {
    }

    /**
     * The rule "spent in an ended window counts as 0", as SQL: {@code <window>_spent} of the budget row if its last
     * reset is at or after {@code windowStart}, else 0. {@code window} is {@code daily} or {@code monthly};
     * {@code qualifier} prefixes the columns (empty, or a table name and a dot). The one place this rule is written
     * in SQL; {@link BudgetStatements#status} applies it to counters a statement returned.
     */
    public static String effectiveSpent(String window, String qualifier, String windowStart) {
        return "(case when " + qualifier + "last_" + window + "_reset >= " + windowStart + " then " + qualifier + window
                + "_spent else 0 end)";
    }

    /**
     * The rule "the sum of the principal's expired (not yet swept) holds", as SQL over {@code reservations}:
     * the reservations of {@code principal} that expired at or before {@code now}.
     */
    public static String expiredHoldsSum(String reservations, String principal, String now) {
        return "select coalesce(sum(amount), 0) from " + reservations + " where principal_id = " + principal
                + " and expires_at <= " + now;
    }

    /** {@link #expiredHoldsSum} evaluated only when the budget row has something reserved (else 0). */
    public static String expiredHolds(String reservations, String principal, String now) {
        return "case when daily_reserved = 0 then 0 else (" + expiredHoldsSum(reservations, principal, now) + ") end";
    }

    /** The row returned by the UPDATE: the new state and the sum of expired (unswept) holds. */
    public record BudgetRow(String principalId, String currency, BigDecimal dailyBudget, BigDecimal monthlyBudget,
                            BigDecimal dailySpent, BigDecimal monthlySpent, BigDecimal reserved,
                            OffsetDateTime lastDailyReset, OffsetDateTime lastMonthlyReset, BigDecimal expiredHolds) {
    }

    /**
     * Applies due resets, adds {@code spend} to spent and {@code holdDelta} to reserved, and — when
     * {@code conditional} — only if every window with a limit stays within it:
     * {@code <spent in current window> + spend + reserved + holdDelta <= limit}. With {@code currency} non-null the
     * budget must be in that currency. Returns null when no row matched.
     */
    public static BudgetRow update(DSLContext dsl, String schema, String principalId, BigDecimal spend,
                                   BigDecimal holdDelta, String currency, BudgetWindows w, boolean conditional) {
        boolean hold = holdDelta.signum() != 0;
        String sql = CACHE.computeIfAbsent(schema + '|' + (currency != null) + '|' + conditional + '|' + hold,
                k -> sql(qualified(schema, PRINCIPAL_BUDGETS.getName()), qualified(schema, BUDGET_RESERVATIONS.getName()),
                        currency != null, conditional, hold));
        return Jdbc.onConnection(dsl, conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = 1;
                // SET
                ps.setObject(i++, w.dayStart());
                ps.setBigDecimal(i++, spend);
                ps.setObject(i++, w.monthStart());
                ps.setBigDecimal(i++, spend);
                if (hold) {
                    ps.setBigDecimal(i++, holdDelta);
                    ps.setBigDecimal(i++, holdDelta);
                }
                ps.setObject(i++, w.dayStart());
                ps.setObject(i++, w.monthStart());
                ps.setObject(i++, w.now());
                // WHERE
                ps.setString(i++, principalId);
                if (currency != null) {
                    ps.setString(i++, currency);
                }
                if (conditional) {
                    ps.setObject(i++, w.dayStart());
                    ps.setBigDecimal(i++, spend);
                    if (hold) {
                        ps.setBigDecimal(i++, holdDelta);
                    }
                    ps.setObject(i++, w.monthStart());
                    ps.setBigDecimal(i++, spend);
                    if (hold) {
                        ps.setBigDecimal(i++, holdDelta);
                    }
                }
                // RETURNING
                ps.setString(i++, principalId);
                ps.setObject(i, w.now());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    // principal_id is the parameter; both resets are >= the window starts after the UPDATE
                    // (GREATEST), so they are not read back (timestamp parsing was a measurable client cost)
                    return new BudgetRow(principalId, rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), w.dayStart(), w.monthStart(),
                            rs.getBigDecimal(7));
                }
            }
        });
    }

    /**
     * The common case of a plain charge, when both windows are current (no reset due): exactly the raw conditional
     * {@code UPDATE ... WHERE spent + x <= limit} plus two timestamp comparisons that prove no reset is due, and a
     * RETURNING of the figures the status needs (expired holds are summed by a second statement, only when
     * something is reserved). Returns null when no row matched, whatever the reason; the caller then runs the full
     * statement ({@link #update}), which applies due resets. Both statements compute the same result when this one
     * matches: with both resets at or after the window starts the CASEs of the full statement keep the spent
     * counters and the GREATESTs keep the resets.
     */
    public static BudgetRow chargeCurrent(DSLContext dsl, String schema, String principalId, BigDecimal spend,
                                           String currency, BudgetWindows w) {
        String sql = chargeSql(schema, true);
        return Jdbc.onConnection(dsl, conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bindCharge(ps, principalId, spend, currency, w);
                BigDecimal daily;
                BigDecimal monthly;
                BigDecimal dailySpent;
                BigDecimal monthlySpent;
                BigDecimal reserved;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    daily = rs.getBigDecimal(1);
                    monthly = rs.getBigDecimal(2);
                    dailySpent = rs.getBigDecimal(3);
                    monthlySpent = rs.getBigDecimal(4);
                    reserved = rs.getBigDecimal(5);
                }
                BigDecimal expired = reserved.signum() == 0 ? BigDecimal.ZERO : sumExpiredHolds(conn, schema, principalId, w);
                return new BudgetRow(principalId, currency, daily, monthly, dailySpent, monthlySpent, reserved,
                        w.dayStart(), w.monthStart(), expired);
            }
        });
    }

    /**
     * The statement of {@link #chargeCurrent} without its RETURNING: true when the charge was applied, false when
     * no row matched (whatever the reason: the caller then runs the full protocol, which applies due resets and
     * finds out why). Nothing is read back — the RETURNING of the new figures costs about 7% of the charge's throughput
     * (measured, docs/performance.md). Expired holds need no look-up here: they still count in
     * {@code daily_reserved}, so they can only make this statement refuse, never accept wrongly.
     */
    public static boolean tryCharge(DSLContext dsl, String schema, String principalId, BigDecimal spend,
                                    String currency, BudgetWindows w) {
        String sql = chargeSql(schema, false);
        return Jdbc.onConnection(dsl, conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                bindCharge(ps, principalId, spend, currency, w);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static void bindCharge(PreparedStatement ps, String principalId, BigDecimal spend, String currency,
                                   BudgetWindows w) throws SQLException {
        ps.setBigDecimal(1, spend);
        ps.setBigDecimal(2, spend);
        PgTimestamps.bind(ps, 3, w.now());
        ps.setString(4, principalId);
        ps.setString(5, currency);
        PgTimestamps.bind(ps, 6, w.dayStart());
        PgTimestamps.bind(ps, 7, w.monthStart());
        ps.setBigDecimal(8, spend);
        ps.setBigDecimal(9, spend);
    }

    /**
     * Sum of the principal's expired, not yet swept holds (only asked when something is reserved). A separate
     * statement rather than a sub-select in the charge's RETURNING: a sub-plan there costs every charge the
     * opening of another table and index under the row lock (measured: 0.82x of the raw UPDATE on a hot row
     * with it, 1.05x without).
     */
    private static BigDecimal sumExpiredHolds(Connection conn, String schema, String principalId, BudgetWindows w)
            throws SQLException {
        String sql = CACHE.computeIfAbsent(schema + "|expired", k -> expiredHoldsSum(qualified(schema, BUDGET_RESERVATIONS.getName()),
                "?", "?::timestamptz"));
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, principalId);
            ps.setObject(2, w.now());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    /** The current-windows charge of {@code schema}, with or without its RETURNING (cached). */
    private static String chargeSql(String schema, boolean returning) {
        // keyed by the schema alone (no key built per call: this is on every charge's path), and read before
        // computeIfAbsent, whose capturing lambda would be allocated on every call
        Map<String, String> texts = returning ? CHARGE_RETURNING : CHARGE;
        String sql = texts.get(schema);
        return sql != null ? sql
                : texts.computeIfAbsent(schema, k -> chargeText(qualified(schema, PRINCIPAL_BUDGETS.getName()), returning));
    }

    private static String chargeText(String budgets, boolean returning) {
        String update = "update " + budgets + " set daily_spent = daily_spent + ?::numeric, monthly_spent = monthly_spent + ?::numeric,"
                + " updated_at = ?::timestamptz"
                + " where principal_id = ? and currency = ?"
                + " and last_daily_reset >= ?::timestamptz and last_monthly_reset >= ?::timestamptz"
                + " and (daily_budget is null or daily_spent + daily_reserved + ?::numeric <= daily_budget)"
                + " and (monthly_budget is null or monthly_spent + monthly_reserved + ?::numeric <= monthly_budget)";
        return returning ? update + " returning daily_budget, monthly_budget, daily_spent, monthly_spent, daily_reserved" : update;
    }

    private static String qualified(String schema, String table) {
        return SchemaNames.qualified(schema, table);
    }

    /**
     * The statement text. With {@code hold} false (a plain charge) the reserved counters are neither written nor
     * bound: the statement is as close to the raw {@code UPDATE ... WHERE spent + x <= limit} as the window resets
     * allow, with the smallest RETURNING the result needs.
     */
    private static String sql(String budgets, String reservations, boolean currency, boolean conditional, boolean hold) {
        String effDaily = effectiveSpent("daily", "", "?::timestamptz");
        String effMonthly = effectiveSpent("monthly", "", "?::timestamptz");
        StringBuilder sb = new StringBuilder(1024)
                .append("update ").append(budgets).append(" set ")
                .append("daily_spent = ").append(effDaily).append(" + ?::numeric, ")
                .append("monthly_spent = ").append(effMonthly).append(" + ?::numeric, ");
        if (hold) {
            sb.append("daily_reserved = daily_reserved + ?::numeric, ")
                    .append("monthly_reserved = monthly_reserved + ?::numeric, ");
        }
        sb.append("last_daily_reset = greatest(last_daily_reset, ?::timestamptz), ")
                .append("last_monthly_reset = greatest(last_monthly_reset, ?::timestamptz), ")
                .append("updated_at = ?::timestamptz ")
                .append("where principal_id = ?");
        if (currency) {
            sb.append(" and currency = ?");
        }
        if (conditional) {
            String dailyReserved = hold ? "(daily_reserved + ?::numeric)" : "daily_reserved";
            String monthlyReserved = hold ? "(monthly_reserved + ?::numeric)" : "monthly_reserved";
            sb.append(" and (daily_budget is null or ").append(effDaily)
                    .append(" + ?::numeric + ").append(dailyReserved).append(" <= daily_budget)")
                    .append(" and (monthly_budget is null or ").append(effMonthly)
                    .append(" + ?::numeric + ").append(monthlyReserved).append(" <= monthly_budget)");
        }
        sb.append(" returning currency, daily_budget, monthly_budget, daily_spent, monthly_spent, daily_reserved, ")
                .append(expiredHolds(reservations, "?", "?::timestamptz"));
        return sb.toString();
    }
}
