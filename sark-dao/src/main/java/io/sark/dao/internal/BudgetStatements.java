package io.sark.dao.internal;

import static io.sark.schema.jooq.Tables.BUDGET_RESERVATIONS;
import static io.sark.schema.jooq.Tables.PRINCIPAL_BUDGETS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.schema.jooq.tables.records.BudgetReservationsRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Every budget statement of {@code principal_budgets} and {@code budget_reservations} and the one mapping of a
 * budget row to {@link BudgetStatus}. The hot charge statements are raw JDBC in {@link BudgetSql}; the rules
 * "spent in an ended window counts as 0" and "the sum of expired holds" are SQL text written once there
 * ({@link BudgetSql#effectiveSpent}, {@link BudgetSql#expiredHolds}) and used here too. Every statement touches
 * one principal and takes "now" and the window starts as parameters. Internal.
 */
public final class BudgetStatements {

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private BudgetStatements() {
    }

    // ---------------------------------------------------------------------------------------------- mapping

    /**
     * The figures as of {@code w.now()} from a budget row's raw counters: spent of an ended window is 0 (the rule of
     * {@link BudgetSql#effectiveSpent}, applied to the counters a statement returned), expired holds are not reserved.
     */
    public static BudgetStatus status(String p, String currency, BigDecimal dailyLimit, BigDecimal monthlyLimit,
                                      BigDecimal dailySpent, BigDecimal monthlySpent, BigDecimal reserved,
                                      OffsetDateTime lastDailyReset, OffsetDateTime lastMonthlyReset,
                                      BigDecimal expiredHolds, BudgetWindows w) {
        boolean dayCurrent = lastDailyReset != null && !lastDailyReset.isBefore(w.dayStart());
        boolean monthCurrent = lastMonthlyReset != null && !lastMonthlyReset.isBefore(w.monthStart());
        return new BudgetStatus(p, currency, Optional.ofNullable(dailyLimit), Optional.ofNullable(monthlyLimit),
                dayCurrent ? dailySpent : Amounts.ZERO, monthCurrent ? monthlySpent : Amounts.ZERO,
                reserved.subtract(expiredHolds == null ? ZERO : expiredHolds).max(Amounts.ZERO), w.dayStart().toInstant(),
                w.monthStart().toInstant(), w.now().toInstant());
    }

    /** The status of a row returned by a {@link BudgetSql} statement, or null when it matched no row. */
    public static BudgetStatus status(BudgetSql.BudgetRow r, BudgetWindows w) {
        return r == null ? null : status(r.principalId(), r.currency(), r.dailyBudget(), r.monthlyBudget(), r.dailySpent(),
                r.monthlySpent(), r.reserved(), r.lastDailyReset(), r.lastMonthlyReset(), r.expiredHolds(), w);
    }

    private static BudgetStatus status(Record row, BigDecimal expiredHolds, BudgetWindows w) {
        var r = row.into(PRINCIPAL_BUDGETS);
        return status(r.getPrincipalId(), r.getCurrency(), r.getDailyBudget(), r.getMonthlyBudget(), r.getDailySpent(),
                r.getMonthlySpent(), r.getDailyReserved(), r.getLastDailyReset(), r.getLastMonthlyReset(), expiredHolds, w);
    }

    private static BudgetStatus status(Record r, BudgetWindows w) {
        BigDecimal expired = r.get("expired_holds", BigDecimal.class);
        return status(r, expired == null ? ZERO : expired, w);
    }

    private static BudgetReservation reservation(BudgetReservationsRecord r) {
        return new BudgetReservation(r.getPrincipalId(), r.getId(), r.getAmount(), r.getCurrency(),
                r.getCreatedAt().toInstant(), r.getExpiresAt().toInstant(),
                r.getMetadata());
    }

    /** The budget columns plus {@code expired_holds} ({@link BudgetSql#expiredHolds}). */
    private static Field<?>[] withExpiredHolds(String p, BudgetWindows w) {
        Field<?>[] own = PRINCIPAL_BUDGETS.fields();
        Field<?>[] all = Arrays.copyOf(own, own.length + 1);
        all[own.length] = DSL.field(BudgetSql.expiredHolds("{0}", "{1}", "{2}"), BigDecimal.class, BUDGET_RESERVATIONS, val(p),
                val(w.now())).as("expired_holds");
        return all;
    }

    // ---------------------------------------------------------------------------------------------- budgets

    /** The budget of {@code p} as of {@code w}; empty if it has no row. */
    public static Optional<BudgetStatus> load(DSLContext dsl, String p, BudgetWindows w) {
        return dsl.select(withExpiredHolds(p, w)).from(PRINCIPAL_BUDGETS).where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .fetchOptional().map(r -> status(r, w));
    }

    /**
     * Upserts both limits and the currency; a currency change only while nothing is spent in the current windows
     * and nothing is reserved. Returns null when the currency would change.
     */
    public static BudgetStatus setLimits(DSLContext tx, String p, BigDecimal daily, BigDecimal monthly, String currency,
                                         BudgetWindows w) {
        // window starts inlined as typed literals: Citus accepts only immutable expressions here,
        // and a text bind cast to timestamptz is not (docs/platforms.md)
        Field<BigDecimal> dailySpent = DSL.field(BudgetSql.effectiveSpent("daily", "{0}.", "{1}"), BigDecimal.class,
                PRINCIPAL_BUDGETS, inline(w.dayStart()));
        Field<BigDecimal> monthlySpent = DSL.field(BudgetSql.effectiveSpent("monthly", "{0}.", "{1}"), BigDecimal.class,
                PRINCIPAL_BUDGETS, inline(w.monthStart()));
        Record r = tx.insertInto(PRINCIPAL_BUDGETS, PRINCIPAL_BUDGETS.PRINCIPAL_ID, PRINCIPAL_BUDGETS.DAILY_BUDGET,
                        PRINCIPAL_BUDGETS.MONTHLY_BUDGET, PRINCIPAL_BUDGETS.CURRENCY, PRINCIPAL_BUDGETS.CREATED_AT,
                        PRINCIPAL_BUDGETS.UPDATED_AT)
                .values(p, daily, monthly, currency, w.now(), w.now())
                .onConflict(PRINCIPAL_BUDGETS.PRINCIPAL_ID)
                .doUpdate()
                .set(PRINCIPAL_BUDGETS.DAILY_BUDGET, excluded(PRINCIPAL_BUDGETS.DAILY_BUDGET))
                .set(PRINCIPAL_BUDGETS.MONTHLY_BUDGET, excluded(PRINCIPAL_BUDGETS.MONTHLY_BUDGET))
                .set(PRINCIPAL_BUDGETS.CURRENCY, excluded(PRINCIPAL_BUDGETS.CURRENCY))
                .set(PRINCIPAL_BUDGETS.UPDATED_AT, excluded(PRINCIPAL_BUDGETS.UPDATED_AT))
                .where(PRINCIPAL_BUDGETS.CURRENCY.eq(currency)
                        .or(dailySpent.eq(ZERO).and(monthlySpent.eq(ZERO))
                                .and(PRINCIPAL_BUDGETS.DAILY_RESERVED.eq(ZERO))
                                .and(PRINCIPAL_BUDGETS.MONTHLY_RESERVED.eq(ZERO))))
                .returning()
                .fetchOne();
        return r == null ? null : status(r, ZERO, w);
    }

    /** The currency of {@code p}'s budget, or null. */
    public static String currency(DSLContext dsl, String p) {
        return dsl.select(PRINCIPAL_BUDGETS.CURRENCY).from(PRINCIPAL_BUDGETS).where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .fetchOne(PRINCIPAL_BUDGETS.CURRENCY);
    }

    /** Sets both limits to NULL; empty if {@code p} has no budget row. */
    public static Optional<BudgetStatus> clearLimits(DSLContext dsl, String p, BudgetWindows w) {
        return dsl.update(PRINCIPAL_BUDGETS)
                .setNull(PRINCIPAL_BUDGETS.DAILY_BUDGET)
                .setNull(PRINCIPAL_BUDGETS.MONTHLY_BUDGET)
                .set(PRINCIPAL_BUDGETS.UPDATED_AT, w.now())
                .where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .returningResult(withExpiredHolds(p, w))
                .fetchOptional()
                .map(r -> status(r, w));
    }

    /** Creates an unlimited budget row in {@code currency} unless {@code p} has one. */
    public static void createUnlimited(DSLContext dsl, String p, String currency, BudgetWindows w) {
        dsl.insertInto(PRINCIPAL_BUDGETS, PRINCIPAL_BUDGETS.PRINCIPAL_ID, PRINCIPAL_BUDGETS.CURRENCY,
                        PRINCIPAL_BUDGETS.CREATED_AT, PRINCIPAL_BUDGETS.UPDATED_AT)
                .values(p, currency, w.now(), w.now())
                .onConflictDoNothing()
                .execute();
    }

    /**
     * Lock order (no deadlocks): every transaction that touches reservation rows locks the principal's budget row
     * first — settle, release and the sweep explicitly with this, charge and reserve through their UPDATE (which
     * keeps the row locked even when its condition fails on a concurrently updated row).
     */
    public static void lockBudget(DSLContext tx, String p) {
        tx.select(PRINCIPAL_BUDGETS.PRINCIPAL_ID).from(PRINCIPAL_BUDGETS).where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .forNoKeyUpdate().fetch();
    }

    // ---------------------------------------------------------------------------------------------- reservations

    /** Inserts a reservation (the caller's budget UPDATE already counted it). */
    public static BudgetReservation insertReservation(DSLContext tx, String p, BigDecimal amount, String currency,
                                                      OffsetDateTime now, OffsetDateTime expiresAt, JsonNode metadata) {
        return reservation(tx.insertInto(BUDGET_RESERVATIONS, BUDGET_RESERVATIONS.PRINCIPAL_ID, BUDGET_RESERVATIONS.AMOUNT,
                        BUDGET_RESERVATIONS.CURRENCY, BUDGET_RESERVATIONS.CREATED_AT, BUDGET_RESERVATIONS.EXPIRES_AT,
                        BUDGET_RESERVATIONS.METADATA)
                .values(p, amount, currency, now, expiresAt, metadata)
                .returning()
                .fetchOne());
    }

    /** Deletes and returns a reservation; with {@code liveAt}, only one that has not expired by then. */
    public static Optional<BudgetReservation> takeReservation(DSLContext tx, String p, long id, OffsetDateTime liveAt) {
        var where = BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(p).and(BUDGET_RESERVATIONS.ID.eq(id));
        if (liveAt != null) {
            where = where.and(BUDGET_RESERVATIONS.EXPIRES_AT.gt(liveAt));
        }
        return Optional.ofNullable(tx.deleteFrom(BUDGET_RESERVATIONS).where(where).returning().fetchOne())
                .map(BudgetStatements::reservation);
    }

    /** Subtracts a released hold from both reserved counters. */
    public static void unreserve(DSLContext tx, String p, BigDecimal amount, BudgetWindows w) {
        tx.update(PRINCIPAL_BUDGETS)
                .set(PRINCIPAL_BUDGETS.DAILY_RESERVED, PRINCIPAL_BUDGETS.DAILY_RESERVED.minus(amount))
                .set(PRINCIPAL_BUDGETS.MONTHLY_RESERVED, PRINCIPAL_BUDGETS.MONTHLY_RESERVED.minus(amount))
                .set(PRINCIPAL_BUDGETS.UPDATED_AT, w.now())
                .where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .execute();
    }

    /** A live or expired-but-not-yet-swept reservation. */
    public static Optional<BudgetReservation> findReservation(DSLContext dsl, String p, long id) {
        return dsl.selectFrom(BUDGET_RESERVATIONS)
                .where(BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(p)).and(BUDGET_RESERVATIONS.ID.eq(id))
                .fetchOptional(BudgetStatements::reservation);
    }

    /** The principals with expired reservations, in order. */
    public static List<String> principalsWithExpiredHolds(DSLContext dsl, BudgetWindows w) {
        return dsl.selectDistinct(BUDGET_RESERVATIONS.PRINCIPAL_ID).from(BUDGET_RESERVATIONS)
                .where(BUDGET_RESERVATIONS.EXPIRES_AT.le(w.now()))
                .orderBy(BUDGET_RESERVATIONS.PRINCIPAL_ID).fetch(BUDGET_RESERVATIONS.PRINCIPAL_ID);
    }

    /** Whether {@code p} has expired, not yet swept reservations. */
    public static boolean hasExpiredHolds(DSLContext dsl, String p, BudgetWindows w) {
        return dsl.fetchExists(BUDGET_RESERVATIONS, BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(p)
                .and(BUDGET_RESERVATIONS.EXPIRES_AT.le(w.now())));
    }

    /**
     * With the budget row locked: deletes the principal's expired reservations (in id order) and subtracts them from
     * both reserved counters in the same statement. Returns how many were removed.
     */
    public static int sweep(DSLContext dsl, String p, BudgetWindows w) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            lockBudget(tx, p);
            Integer n = tx.resultQuery(
                    "with expired as ("
                            + " delete from {0} where principal_id = {2} and id in ("
                            + "  select id from {0} where principal_id = {2} and expires_at <= {3} order by id for update)"
                            + " returning amount), "
                            + "freed as (select count(*)::int as n, sum(amount) as amount from expired) "
                            + "update {1} b set daily_reserved = b.daily_reserved - f.amount,"
                            + " monthly_reserved = b.monthly_reserved - f.amount, updated_at = {3} "
                            + "from freed f where b.principal_id = {2} and f.n > 0 "
                            + "returning f.n",
                    BUDGET_RESERVATIONS, PRINCIPAL_BUDGETS, val(p), val(w.now()))
                    .fetchOne(0, Integer.class);
            return n == null ? 0 : n;
        });
    }
}
