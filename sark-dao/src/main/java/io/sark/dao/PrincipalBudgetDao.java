package io.sark.dao;

import static io.sark.schema.jooq.Tables.BUDGET_RESERVATIONS;
import static io.sark.schema.jooq.Tables.PRINCIPAL_BUDGETS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.BudgetAudit;
import io.sark.dao.internal.BudgetSql;
import io.sark.dao.internal.BudgetWindows;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.CostRows;
import io.sark.dao.internal.CostValidation;
import io.sark.dao.internal.CostValidation.ValidCost;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Errors;
import io.sark.dao.model.BudgetCheck;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.BudgetWindow;
import io.sark.dao.model.ChargeResult;
import io.sark.dao.model.Cost;
import io.sark.dao.model.CostChargeResult;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.ReservationResult;
import io.sark.schema.SarkException;
import io.sark.schema.jooq.tables.records.BudgetReservationsRecord;
import io.sark.schema.jooq.tables.records.PrincipalBudgetsRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Principal budgets: limits, atomic charges, reservations, and the UTC calendar windows they apply to.
 *
 * <pre>{@code
 * db.budgets().setLimits("user-1", BudgetLimits.of("USD").daily("5").monthly("100"));
 * ChargeResult r = db.budgets().charge("user-1", new BigDecimal("0.25"), "USD");       // r.accepted()?
 * boolean ok = db.budgets().tryCharge("user-1", new BigDecimal("0.25"), "USD");        // the decision only
 * BudgetReservation hold = db.budgets().reserve("user-1", new BigDecimal("1"), "USD").orElseThrow();
 * db.budgets().settle(hold, new BigDecimal("0.73"));
 * CostChargeResult c = db.budgets().recordAndCharge(NewCost.of("user-1", "res", "cap").actual("0.25"));
 * }</pre>
 *
 * <p>Promises:
 * <ul>
 *   <li><b>Windows</b>: the daily window is the UTC calendar day, the monthly window the UTC calendar month of the
 *       configured clock's "now". A window that has ended counts as zero everywhere (status, check, charge) without
 *       any write being needed first; the stored counters are rewritten by the next accepted write.</li>
 *   <li><b>Atomic charges</b>: a charge is one conditional {@code UPDATE} — it is accepted only if, in each window with
 *       a limit, {@code spent + reserved + amount <= limit} (reaching a limit exactly is allowed). Concurrent charges
 *       can never push spent plus reserved past a limit and never lose an update.</li>
 *   <li><b>Refusals</b> change no budget, reservation or ledger row; they append one audit event of type
 *       {@code cost_limit_exceeded} and are returned as results (not thrown) so that, in a caller's transaction,
 *       the event commits with it. {@code orElseThrow()} turns a refusal into a {@link BudgetExceededException}.</li>
 *   <li><b>Currency</b>: an amount in another currency than the budget's is refused with
 *       {@link CurrencyMismatchException} (nothing written, no audit event). SARK never converts.</li>
 *   <li><b>Reservations</b> count against both windows until settled, released or expired; expired ones stop
 *       counting at {@code expiresAt} (figures exclude them at once; their rows and counters are removed by a sweep
 *       that runs when they stand in the way of a charge or reservation, or by {@link #sweepExpired()}).</li>
 *   <li><b>No budget row</b> means no limits: the first charge, reservation or recorded cost of a principal creates
 *       an unlimited budget row in that currency.</li>
 *   <li>Every operation touches one principal only (single-shard on Citus), and passes "now" and the window starts
 *       as parameters (no {@code now()} in budget statements).</li>
 * </ul>
 * Stateless and thread-safe; on a {@link SarkTransaction} it runs in that transaction.
 */
public final class PrincipalBudgetDao {

    /** How long a reservation holds its amount when no time-to-live is given. */
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(15);

    private static final int MAX_ATTEMPTS = 8;
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private final DaoContext context;

    public PrincipalBudgetDao(DaoContext context) {
        this.context = context;
    }

    // ---------------------------------------------------------------------------------------------- limits

    /**
     * Sets both limits of {@code principalId} exactly as given (an empty limit is stored as NULL: no limit) and the
     * budget's currency, creating the budget row if absent. Changing the currency is allowed only while nothing is
     * spent in the current windows and nothing is reserved.
     *
     * @return the budget after the change
     * @throws InvalidInputException     if an argument is invalid (negative limit, unknown currency, ...)
     * @throws CurrencyMismatchException if the currency would change while amounts are spent or reserved
     */
    public BudgetStatus setLimits(String principalId, BudgetLimits limits) {
        String p = CostValidation.id("principalId", principalId);
        Check.notNull("limits", limits);
        BigDecimal daily = limits.daily().map(l -> CostValidation.amount("limits.daily", l, true)).orElse(null);
        BigDecimal monthly = limits.monthly().map(l -> CostValidation.amount("limits.monthly", l, true)).orElse(null);
        String currency = CostValidation.currency("limits.currency", limits.currency());
        BudgetWindows w = windows();
        return Errors.translate(() -> context.dsl().transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            sweep(tx, p, w);
            PrincipalBudgetsRecord r = tx.insertInto(PRINCIPAL_BUDGETS, PRINCIPAL_BUDGETS.PRINCIPAL_ID,
                            PRINCIPAL_BUDGETS.DAILY_BUDGET, PRINCIPAL_BUDGETS.MONTHLY_BUDGET, PRINCIPAL_BUDGETS.CURRENCY,
                            PRINCIPAL_BUDGETS.CREATED_AT, PRINCIPAL_BUDGETS.UPDATED_AT)
                    .values(p, daily, monthly, currency, w.now(), w.now())
                    .onConflict(PRINCIPAL_BUDGETS.PRINCIPAL_ID)
                    .doUpdate()
                    .set(PRINCIPAL_BUDGETS.DAILY_BUDGET, excluded(PRINCIPAL_BUDGETS.DAILY_BUDGET))
                    .set(PRINCIPAL_BUDGETS.MONTHLY_BUDGET, excluded(PRINCIPAL_BUDGETS.MONTHLY_BUDGET))
                    .set(PRINCIPAL_BUDGETS.CURRENCY, excluded(PRINCIPAL_BUDGETS.CURRENCY))
                    .set(PRINCIPAL_BUDGETS.UPDATED_AT, excluded(PRINCIPAL_BUDGETS.UPDATED_AT))
                    // window starts inlined as typed literals: Citus accepts only immutable expressions here,
                    // and a text bind cast to timestamptz is not (docs/platforms.md)
                    .where(PRINCIPAL_BUDGETS.CURRENCY.eq(currency)
                            .or(effectiveDaily(inline(w.dayStart())).eq(ZERO)
                                    .and(effectiveMonthly(inline(w.monthStart())).eq(ZERO))
                                    .and(PRINCIPAL_BUDGETS.DAILY_RESERVED.eq(ZERO))
                                    .and(PRINCIPAL_BUDGETS.MONTHLY_RESERVED.eq(ZERO))))
                    .returning()
                    .fetchOne();
            if (r == null) {
                String existing = tx.select(PRINCIPAL_BUDGETS.CURRENCY).from(PRINCIPAL_BUDGETS)
                        .where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p)).fetchOne(PRINCIPAL_BUDGETS.CURRENCY);
                throw new CurrencyMismatchException(p, existing, currency);
            }
            return status(r, ZERO, w);
        }));
    }

    /** Removes both limits (NULL: no limit) and keeps everything else; empty if the principal has no budget row. */
    public Optional<BudgetStatus> clearLimits(String principalId) {
        String p = CostValidation.id("principalId", principalId);
        BudgetWindows w = windows();
        return Errors.translate(() -> context.dsl().update(PRINCIPAL_BUDGETS)
                .setNull(PRINCIPAL_BUDGETS.DAILY_BUDGET)
                .setNull(PRINCIPAL_BUDGETS.MONTHLY_BUDGET)
                .set(PRINCIPAL_BUDGETS.UPDATED_AT, w.now())
                .where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .returningResult(returningFields(p, w))
                .fetchOptional()
                .map(r -> status(r, w)));
    }

    // ---------------------------------------------------------------------------------------------- reads

    /** The budget of {@code principalId} now (resets and expired reservations applied); empty if it has none. */
    public Optional<BudgetStatus> status(String principalId) {
        String p = CostValidation.id("principalId", principalId);
        BudgetWindows w = windows();
        return Errors.translate(() -> load(context.dsl(), p, w));
    }

    /**
     * Whether {@code amount} (in the budget's currency) could be charged now: read-only and advisory — only
     * {@link #charge} or {@link #reserve} hold money. Applies due resets and ignores expired reservations, so a
     * principal over yesterday's limit is allowed today. No budget row: allowed.
     */
    public BudgetCheck check(String principalId, BigDecimal amount) {
        String p = CostValidation.id("principalId", principalId);
        BigDecimal a = CostValidation.amount("amount", amount, false);
        Optional<BudgetStatus> s = status(p);
        return new BudgetCheck(p, a, s.flatMap(st -> st.exceededBy(a)), s);
    }

    /**
     * Like {@link #check(String, BigDecimal)}, refusing an amount in another currency than the budget's.
     *
     * @throws CurrencyMismatchException if the budget is in another currency
     */
    public BudgetCheck check(String principalId, BigDecimal amount, String currency) {
        String c = CostValidation.currency("currency", currency);
        BudgetCheck check = check(principalId, amount);
        if (check.status().isPresent() && !check.status().get().currency().equals(c)) {
            throw new CurrencyMismatchException(check.principalId(), check.status().get().currency(), c);
        }
        return check;
    }

    // ---------------------------------------------------------------------------------------------- charges

    /**
     * Charges {@code amount} to the current day and month in one conditional UPDATE. Accepted if it fits every
     * limit (reaching a limit exactly is allowed); refused otherwise, writing nothing but a
     * {@code cost_limit_exceeded} audit event.
     *
     * @throws InvalidInputException     if the amount is not positive or does not fit NUMERIC(18,8), or the currency is
     *                                   unknown (nothing written)
     * @throws CurrencyMismatchException if the budget is kept in another currency (nothing written)
     */
    public ChargeResult charge(String principalId, BigDecimal amount, String currency) {
        String p = CostValidation.id("principalId", principalId);
        BigDecimal a = CostValidation.amount("amount", amount, false);
        String c = CostValidation.currency("currency", currency);
        BudgetWindows w = windows();
        Attempt at = chargeAudited(p, a, c, w, true);
        return new ChargeResult(p, a, c, at.exceeded(), at.status());
    }

    /**
     * {@link #charge} for hot paths that only need the decision: the same conditional UPDATE with the same
     * guarantees (atomic, never past a limit, reaching it exactly allowed, due resets applied, a missing budget row
     * created unlimited, another currency refused, a refusal audited as {@code cost_limit_exceeded}), but the new
     * figures are not read back. That read-back — the RETURNING behind {@link ChargeResult#status()} — costs a charge
     * about 7% of its throughput under load (docs/performance.md). Use {@link #charge} or {@link #status} when the
     * figures or the exceeded window are wanted.
     *
     * @return true if charged, false if refused (nothing written but the audit event)
     * @throws InvalidInputException     if the amount is not positive or does not fit NUMERIC(18,8), or the currency is
     *                                   unknown (nothing written)
     * @throws CurrencyMismatchException if the budget is kept in another currency (nothing written)
     */
    public boolean tryCharge(String principalId, BigDecimal amount, String currency) {
        String p = CostValidation.id("principalId", principalId);
        BigDecimal a = CostValidation.amount("amount", amount, false);
        String c = CostValidation.currency("currency", currency);
        BudgetWindows w = windows();
        if (Errors.translate(() -> BudgetSql.tryCharge(context.dsl(), context.schema(), p, a, c, w))) {
            return true;
        }
        // a reset is due, a limit or an expired hold is in the way, the currency differs or there is no row yet
        return chargeAudited(p, a, c, w, false).exceeded().isEmpty();
    }

    /** The charge protocol with its audit event on refusal. */
    private Attempt chargeAudited(String p, BigDecimal a, String c, BudgetWindows w, boolean currentFirst) {
        Attempt at = Errors.translate(() -> chargeOrReserve(context.dsl(), p, a, ZERO, c, w, currentFirst));
        if (at.exceeded().isPresent()) {
            audit(new BudgetAudit.Refusal("charge", p, a, c, at.exceeded().get(), at.status(), null, null, null, null, null), w);
        }
        return at;
    }

    /**
     * Records {@code cost} in the ledger and charges its amount ({@code COALESCE(actual, estimated)}) to the
     * current windows, in one transaction: the ledger row exists if and only if the charge was accepted. With an
     * idempotency key already recorded, nothing is written or charged and the original row is returned
     * ({@code replayed}). A refusal appends a {@code cost_limit_exceeded} audit event.
     *
     * @throws InvalidInputException     naming the invalid field (nothing written)
     * @throws CurrencyMismatchException if the budget is kept in another currency (nothing written)
     */
    public CostChargeResult recordAndCharge(NewCost cost) {
        BudgetWindows w = windows();
        ValidCost c = CostValidation.cost("cost", cost, w.now());
        BigDecimal amount = c.amount();
        try {
            return Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                if (c.idempotencyKey() != null && !CostRows.claimKey(tx, c.principalId(), c.idempotencyKey(), w.now())) {
                    return new CostChargeResult(Optional.of(CostRows.original(tx, c.principalId(), c.idempotencyKey())),
                            true, Optional.empty());
                }
                Attempt at = chargeOrReserve(tx, c.principalId(), amount, ZERO, c.currency(), w, true);
                if (at.exceeded().isPresent()) {
                    throw new Refused(at); // rolls back the key claim and any housekeeping
                }
                Cost inserted = CostRows.insert(tx, c);
                if (c.idempotencyKey() != null) {
                    CostRows.linkKey(tx, inserted);
                }
                return new CostChargeResult(Optional.of(inserted), false,
                        Optional.of(new ChargeResult(c.principalId(), amount, c.currency(), Optional.empty(), at.status())));
            }));
        } catch (Refused r) {
            audit(new BudgetAudit.Refusal("record_and_charge", c.principalId(), amount, c.currency(),
                    r.attempt.exceeded().get(), r.attempt.status(), c.resourceId(), c.capabilityId(), null,
                    c.estimatedCost(), c.actualCost()), w);
            return new CostChargeResult(Optional.empty(), false, Optional.of(new ChargeResult(c.principalId(), amount,
                    c.currency(), r.attempt.exceeded(), r.attempt.status())));
        }
    }

    // ---------------------------------------------------------------------------------------------- reservations

    /** {@link #reserve(String, BigDecimal, String, Duration, JsonNode)} for {@link #DEFAULT_RESERVATION_TTL}. */
    public ReservationResult reserve(String principalId, BigDecimal estimate, String currency) {
        return reserve(principalId, estimate, currency, DEFAULT_RESERVATION_TTL, null);
    }

    /**
     * Holds {@code estimate} against both windows until {@link #settle settled}, {@link #release released} or
     * {@code now + ttl}. Accepted on the same condition as a charge; a refusal writes nothing but a
     * {@code cost_limit_exceeded} audit event.
     *
     * @throws InvalidInputException     if an argument is invalid (nothing written)
     * @throws CurrencyMismatchException if the budget is kept in another currency (nothing written)
     */
    public ReservationResult reserve(String principalId, BigDecimal estimate, String currency, Duration ttl,
                                     JsonNode metadata) {
        String p = CostValidation.id("principalId", principalId);
        BigDecimal a = CostValidation.amount("estimate", estimate, false);
        String c = CostValidation.currency("currency", currency);
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidInputException("ttl", "must be positive");
        }
        JsonNode meta = CostValidation.metadata("metadata", metadata);
        BudgetWindows w = windows();
        OffsetDateTime expiresAt;
        try {
            expiresAt = CostValidation.timestamp("ttl", w.now().plus(ttl));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new InvalidInputException("ttl", "is too long");
        }
        record Reserved(Attempt attempt, BudgetReservation reservation) {
        }
        Reserved done = Errors.translate(() -> context.dsl().transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Attempt at = chargeOrReserve(tx, p, ZERO, a, c, w, false);
            if (at.exceeded().isPresent()) {
                return new Reserved(at, null);
            }
            BudgetReservationsRecord r = tx.insertInto(BUDGET_RESERVATIONS, BUDGET_RESERVATIONS.PRINCIPAL_ID,
                            BUDGET_RESERVATIONS.AMOUNT, BUDGET_RESERVATIONS.CURRENCY, BUDGET_RESERVATIONS.CREATED_AT,
                            BUDGET_RESERVATIONS.EXPIRES_AT, BUDGET_RESERVATIONS.METADATA)
                    .values(p, a, c, w.now(), expiresAt, meta)
                    .returning()
                    .fetchOne();
            return new Reserved(at, reservation(r));
        }));
        if (done.reservation() == null) {
            audit(new BudgetAudit.Refusal("reserve", p, a, c, done.attempt().exceeded().get(), done.attempt().status(),
                    null, null, null, a, null), w);
        }
        return new ReservationResult(p, a, c, Optional.ofNullable(done.reservation()), done.attempt().exceeded(),
                done.attempt().status());
    }

    /** {@link #settle(String, long, BigDecimal)} of {@code reservation}. */
    public ChargeResult settle(BudgetReservation reservation, BigDecimal actual) {
        Check.notNull("reservation", reservation);
        return settle(reservation.principalId(), reservation.id(), actual);
    }

    /**
     * Ends a live reservation and charges {@code actual} (in the reservation's currency) instead, atomically.
     * Up to the held amount the settle is always accepted (the hold promised it, even if a limit was lowered
     * meanwhile); {@code actual} may be zero. Above the held amount, the excess must fit the limits like a charge;
     * otherwise the settle is refused: nothing changes, the reservation stays live (settle a smaller amount or
     * release it) and a {@code cost_limit_exceeded} audit event is appended. So a principal is stopped at its
     * budget even when an estimate was too low.
     *
     * @throws NotFoundException     if the reservation does not exist, was settled or released, or has expired
     * @throws InvalidInputException if {@code actual} is negative or does not fit NUMERIC(18,8)
     */
    public ChargeResult settle(String principalId, long reservationId, BigDecimal actual) {
        String p = CostValidation.id("principalId", principalId);
        BigDecimal a = CostValidation.amount("actual", actual, true);
        BudgetWindows w = windows();
        record Settled(BudgetReservationsRecord hold, Attempt attempt) {
        }
        Settled done;
        try {
            done = Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                lockBudget(tx, p);
                BudgetReservationsRecord hold = tx.deleteFrom(BUDGET_RESERVATIONS)
                        .where(BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(p))
                        .and(BUDGET_RESERVATIONS.ID.eq(reservationId))
                        .and(BUDGET_RESERVATIONS.EXPIRES_AT.gt(w.now()))
                        .returning()
                        .fetchOne();
                if (hold == null) {
                    throw new NotFoundException("live reservation", p + "/" + reservationId);
                }
                boolean withinHold = a.compareTo(hold.getAmount()) <= 0;
                Attempt at = null;
                for (int attempt = 0; attempt < MAX_ATTEMPTS && at == null; attempt++) {
                    BudgetStatus r = conditionalUpdate(tx, p, a, hold.getAmount().negate(), null, w, !withinHold);
                    if (r != null) {
                        at = new Attempt(Optional.empty(), r);
                    } else if (!(hasExpiredHolds(tx, p, w) && sweep(tx, p, w) > 0)) {
                        // refused: only possible above the hold. The budget row is locked, so this is final. The
                        // deleted hold is still in the counters (the UPDATE did not run): the excess must fit.
                        BudgetStatus s = load(tx, p, w).orElseThrow();
                        at = new Attempt(Optional.of(exceeded(s, a.subtract(hold.getAmount()))), s);
                    }
                }
                if (at == null) {
                    throw new SarkException("settle of " + p + "/" + reservationId + " did not converge");
                }
                if (at.exceeded().isPresent()) {
                    throw new Refused(at, hold); // keep the reservation
                }
                return new Settled(hold, at);
            }));
        } catch (Refused r) {
            BudgetReservationsRecord hold = r.hold;
            audit(new BudgetAudit.Refusal("settle", p, a, hold.getCurrency(), r.attempt.exceeded().get(),
                    r.attempt.status(), null, null, reservationId, hold.getAmount(), a), w);
            return new ChargeResult(p, a, hold.getCurrency(), r.attempt.exceeded(), r.attempt.status());
        }
        return new ChargeResult(p, a, done.hold().getCurrency(), Optional.empty(), done.attempt().status());
    }

    /** {@link #release(String, long)} of {@code reservation}. */
    public boolean release(BudgetReservation reservation) {
        Check.notNull("reservation", reservation);
        return release(reservation.principalId(), reservation.id());
    }

    /**
     * Ends a reservation without charging anything; its amount stops counting at once.
     *
     * @return false if it did not exist any more (settled, released or swept)
     */
    public boolean release(String principalId, long reservationId) {
        String p = CostValidation.id("principalId", principalId);
        BudgetWindows w = windows();
        return Errors.translate(() -> context.dsl().transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            lockBudget(tx, p);
            BudgetReservationsRecord hold = tx.deleteFrom(BUDGET_RESERVATIONS)
                    .where(BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(p))
                    .and(BUDGET_RESERVATIONS.ID.eq(reservationId))
                    .returning()
                    .fetchOne();
            if (hold == null) {
                return false;
            }
            tx.update(PRINCIPAL_BUDGETS)
                    .set(PRINCIPAL_BUDGETS.DAILY_RESERVED, PRINCIPAL_BUDGETS.DAILY_RESERVED.minus(hold.getAmount()))
                    .set(PRINCIPAL_BUDGETS.MONTHLY_RESERVED, PRINCIPAL_BUDGETS.MONTHLY_RESERVED.minus(hold.getAmount()))
                    .set(PRINCIPAL_BUDGETS.UPDATED_AT, w.now())
                    .where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                    .execute();
            return true;
        }));
    }

    /** A live or expired-but-not-yet-swept reservation. */
    public Optional<BudgetReservation> findReservation(String principalId, long reservationId) {
        String p = CostValidation.id("principalId", principalId);
        return Errors.translate(() -> context.dsl().selectFrom(BUDGET_RESERVATIONS)
                .where(BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(p)).and(BUDGET_RESERVATIONS.ID.eq(reservationId))
                .fetchOptional(PrincipalBudgetDao::reservation));
    }

    /**
     * Deletes the expired reservations of {@code principalId} and subtracts them from its reserved counters, in
     * one statement. Safe to run concurrently with anything.
     *
     * @return the number of reservations removed
     */
    public int sweepExpired(String principalId) {
        String p = CostValidation.id("principalId", principalId);
        BudgetWindows w = windows();
        return Errors.translate(() -> sweep(context.dsl(), p, w));
    }

    /**
     * {@link #sweepExpired(String)} for every principal with expired reservations, one principal per transaction
     * (never a multi-principal transaction). Suitable for a periodic job.
     *
     * @return the number of reservations removed
     */
    public int sweepExpired() {
        BudgetWindows w = windows();
        List<String> principals = Errors.translate(() -> context.dsl().selectDistinct(BUDGET_RESERVATIONS.PRINCIPAL_ID)
                .from(BUDGET_RESERVATIONS).where(BUDGET_RESERVATIONS.EXPIRES_AT.le(w.now()))
                .orderBy(BUDGET_RESERVATIONS.PRINCIPAL_ID).fetch(BUDGET_RESERVATIONS.PRINCIPAL_ID));
        int n = 0;
        for (String p : principals) {
            n += Errors.translate(() -> sweep(context.dsl(), p, w));
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------- internals

    private record Attempt(Optional<BudgetWindow> exceeded, BudgetStatus status) {
    }

    /** Carries a refusal out of a transaction callback so that its writes roll back. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Attempt attempt;
        private final transient BudgetReservationsRecord hold;

        Refused(Attempt attempt) {
            this(attempt, null);
        }

        Refused(Attempt attempt, BudgetReservationsRecord hold) {
            super(null, null, false, false);
            this.attempt = attempt;
            this.hold = hold;
        }
    }

    private BudgetWindows windows() {
        return BudgetWindows.at(context.now());
    }

    /**
     * The charge (spend > 0) or reservation (hold > 0) protocol: the conditional UPDATE first (one round trip when
     * accepted); when it matches nothing, find out why: no budget row (create an unlimited one, retry), another
     * currency (throw), expired reservations in the way (sweep, retry), or a limit (refuse). A retry also happens
     * when a concurrent change made room between the UPDATE and the diagnosis. With {@code currentFirst} (plain
     * charges) the first UPDATE is the statement for current windows ({@link BudgetSql#chargeCurrent}), the
     * common case; the full statement, which applies due resets, runs when it matches nothing.
     */
    private Attempt chargeOrReserve(DSLContext dsl, String p, BigDecimal spend, BigDecimal hold, String currency,
                                    BudgetWindows w, boolean currentFirst) {
        BigDecimal amount = spend.add(hold);
        BudgetStatus last = null;
        if (currentFirst) {
            BudgetStatus r = status(BudgetSql.chargeCurrent(dsl, context.schema(), p, spend, currency, w), w);
            if (r != null) {
                return new Attempt(Optional.empty(), r);
            }
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            BudgetStatus r = conditionalUpdate(dsl, p, spend, hold, currency, w, true);
            if (r != null) {
                return new Attempt(Optional.empty(), r);
            }
            Optional<BudgetStatus> s = load(dsl, p, w);
            if (s.isEmpty()) {
                dsl.insertInto(PRINCIPAL_BUDGETS, PRINCIPAL_BUDGETS.PRINCIPAL_ID, PRINCIPAL_BUDGETS.CURRENCY,
                                PRINCIPAL_BUDGETS.CREATED_AT, PRINCIPAL_BUDGETS.UPDATED_AT)
                        .values(p, currency, w.now(), w.now())
                        .onConflictDoNothing()
                        .execute();
                continue;
            }
            last = s.get();
            if (!last.currency().equals(currency)) {
                throw new CurrencyMismatchException(p, last.currency(), currency);
            }
            if (hasExpiredHolds(dsl, p, w) && sweep(dsl, p, w) > 0) {
                continue;
            }
            Optional<BudgetWindow> exceeded = last.exceededBy(amount);
            if (exceeded.isPresent()) {
                return new Attempt(exceeded, last);
            }
            // a concurrent settle/release/sweep made room after our UPDATE: try again
        }
        // persistent contention: refuse conservatively rather than spin
        return new Attempt(Optional.of(exceeded(last, amount)), last);
    }

    private static BudgetWindow exceeded(BudgetStatus s, BigDecimal amount) {
        return s.exceededBy(amount).orElse(s.dailyLimit().isPresent() ? BudgetWindow.DAILY : BudgetWindow.MONTHLY);
    }

    /**
     * The budget statement (scale-out rule 9, SQL in {@link BudgetSql}): one UPDATE of one principal's row that applies due window resets,
     * adds {@code spend} to spent and {@code holdDelta} to reserved, and — when {@code conditional} — only if every
     * window with a limit stays within it. "now" and the window starts are parameters.
     */
    private BudgetStatus conditionalUpdate(DSLContext dsl, String p, BigDecimal spend, BigDecimal holdDelta,
                                                  String currency, BudgetWindows w, boolean conditional) {
        return status(BudgetSql.update(dsl, context.schema(), p, spend, holdDelta, currency, w, conditional), w);
    }

    /** The status of a row returned by a budget statement, or null when it matched no row. */
    private static BudgetStatus status(BudgetSql.BudgetRow r, BudgetWindows w) {
        return r == null ? null : status(r.principalId(), r.currency(), r.dailyBudget(), r.monthlyBudget(), r.dailySpent(),
                r.monthlySpent(), r.reserved(), r.lastDailyReset(), r.lastMonthlyReset(), r.expiredHolds(), w);
    }

    /** daily_spent if it belongs to the current UTC day, else 0 (the reset, applied in the expression). */
    private static Field<BigDecimal> effectiveDaily(BudgetWindows w) {
        return effectiveDaily(val(w.dayStart()));
    }

    private static Field<BigDecimal> effectiveDaily(Field<OffsetDateTime> dayStart) {
        return when(PRINCIPAL_BUDGETS.LAST_DAILY_RESET.ge(dayStart), PRINCIPAL_BUDGETS.DAILY_SPENT).otherwise(ZERO);
    }

    private static Field<BigDecimal> effectiveMonthly(BudgetWindows w) {
        return effectiveMonthly(val(w.monthStart()));
    }

    private static Field<BigDecimal> effectiveMonthly(Field<OffsetDateTime> monthStart) {
        return when(PRINCIPAL_BUDGETS.LAST_MONTHLY_RESET.ge(monthStart), PRINCIPAL_BUDGETS.MONTHLY_SPENT).otherwise(ZERO);
    }

    /** Sum of the principal's expired (not yet swept) holds, evaluated only when something is reserved. */
    private static Field<BigDecimal> expiredHolds(Field<String> principal, BudgetWindows w) {
        return when(PRINCIPAL_BUDGETS.DAILY_RESERVED.eq(ZERO), val(ZERO)).otherwise(DSL.field(
                select(coalesce(sum(BUDGET_RESERVATIONS.AMOUNT), ZERO))
                        .from(BUDGET_RESERVATIONS)
                        .where(BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(principal))
                        .and(BUDGET_RESERVATIONS.EXPIRES_AT.le(w.now())))).as("expired_holds");
    }

    private static Field<?>[] returningFields(String p, BudgetWindows w) {
        Field<?>[] own = PRINCIPAL_BUDGETS.fields();
        Field<?>[] all = java.util.Arrays.copyOf(own, own.length + 1);
        all[own.length] = expiredHolds(val(p), w);
        return all;
    }

    private static boolean hasExpiredHolds(DSLContext dsl, String p, BudgetWindows w) {
        return dsl.fetchExists(BUDGET_RESERVATIONS, BUDGET_RESERVATIONS.PRINCIPAL_ID.eq(p)
                .and(BUDGET_RESERVATIONS.EXPIRES_AT.le(w.now())));
    }

    private static Optional<BudgetStatus> load(DSLContext dsl, String p, BudgetWindows w) {
        return dsl.select(returningFields(p, w))
                .from(PRINCIPAL_BUDGETS)
                .where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .fetchOptional()
                .map(r -> status(r, w));
    }

    private static BudgetStatus status(Record r, BudgetWindows w) {
        BigDecimal expired = r.get("expired_holds", BigDecimal.class);
        return status(r.into(PRINCIPAL_BUDGETS), expired == null ? ZERO : expired, w);
    }

    private static BudgetStatus status(PrincipalBudgetsRecord r, BigDecimal expiredHolds, BudgetWindows w) {
        return status(r.getPrincipalId(), r.getCurrency(), r.getDailyBudget(), r.getMonthlyBudget(), r.getDailySpent(),
                r.getMonthlySpent(), r.getDailyReserved(), r.getLastDailyReset(), r.getLastMonthlyReset(), expiredHolds, w);
    }

    /** The figures as of {@code w.now()}: spent of an ended window is 0, expired holds are not reserved. */
    private static BudgetStatus status(String p, String currency, BigDecimal dailyLimit, BigDecimal monthlyLimit,
                                       BigDecimal dailySpent, BigDecimal monthlySpent, BigDecimal reserved,
                                       OffsetDateTime lastDailyReset, OffsetDateTime lastMonthlyReset,
                                       BigDecimal expiredHolds, BudgetWindows w) {
        boolean dayCurrent = lastDailyReset != null && !lastDailyReset.isBefore(w.dayStart());
        boolean monthCurrent = lastMonthlyReset != null && !lastMonthlyReset.isBefore(w.monthStart());
        BigDecimal zero = ZERO.setScale(8);
        return new BudgetStatus(p, currency, Optional.ofNullable(dailyLimit), Optional.ofNullable(monthlyLimit),
                dayCurrent ? dailySpent : zero, monthCurrent ? monthlySpent : zero,
                reserved.subtract(expiredHolds == null ? ZERO : expiredHolds).max(ZERO), w.dayStart(), w.monthStart(), w.now());
    }

    /**
     * With the budget row locked: deletes the principal's expired reservations (in id order) and subtracts them from
     * both reserved counters in the same statement. Returns how many were removed.
     */
    private static int sweep(DSLContext dsl, String p, BudgetWindows w) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            lockBudget(tx, p);
            return sweepLocked(tx, p, w);
        });
    }

    /**
     * Lock order (no deadlocks): every transaction that touches reservation rows locks the principal's budget row
     * first — settle, release and the sweep explicitly with this, charge and reserve through their UPDATE (which
     * keeps the row locked even when its condition fails on a concurrently updated row).
     */
    private static void lockBudget(DSLContext tx, String p) {
        tx.select(PRINCIPAL_BUDGETS.PRINCIPAL_ID).from(PRINCIPAL_BUDGETS).where(PRINCIPAL_BUDGETS.PRINCIPAL_ID.eq(p))
                .forNoKeyUpdate().fetch();
    }

    private static int sweepLocked(DSLContext dsl, String p, BudgetWindows w) {
        Integer n = dsl.resultQuery(
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
    }

    private void audit(BudgetAudit.Refusal refusal, BudgetWindows w) {
        Errors.run(() -> BudgetAudit.costLimitExceeded(context.dsl(), w.now(), refusal));
    }

    private static BudgetReservation reservation(BudgetReservationsRecord r) {
        return new BudgetReservation(r.getPrincipalId(), r.getId(), r.getAmount(), r.getCurrency(),
                r.getCreatedAt().withOffsetSameInstant(ZoneOffset.UTC), r.getExpiresAt().withOffsetSameInstant(ZoneOffset.UTC),
                r.getMetadata());
    }
}
