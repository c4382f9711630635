package io.sark.dao;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.BudgetAudit;
import io.sark.dao.internal.BudgetStatements;
import io.sark.dao.internal.BudgetWindows;
import io.sark.dao.internal.ChargeProtocol;
import io.sark.dao.internal.ChargeProtocol.Attempt;
import io.sark.dao.internal.ChargeProtocol.Refused;
import io.sark.dao.internal.Charges;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.CostRows;
import io.sark.dao.internal.CostValidation;
import io.sark.dao.internal.CostValidation.ValidCost;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Errors;
import io.sark.dao.internal.LedgerBudgets;
import io.sark.dao.model.BudgetCheck;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.ChargeResult;
import io.sark.dao.model.Cost;
import io.sark.dao.model.CostChargeResult;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.ReservationResult;
import io.sark.schema.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
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

    private static final BigDecimal ZERO = BigDecimal.ZERO;
    /** The {@code dao} tag of this DAO's operation timers. */
    private static final String DAO = "budgets";

    private final DaoContext context;

    PrincipalBudgetDao(DaoContext context) {
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
        return context.metrics().time(DAO, "set_limits", () -> {
            String p = CostValidation.id("principalId", principalId);
            Check.notNull("limits", limits);
            BigDecimal daily = limits.daily().orElse(null);
            BigDecimal monthly = limits.monthly().orElse(null);
            String currency = limits.currency();
            BudgetWindows w = windows();
            record Set(BudgetStatus status, int swept) {
            }
            Set done = Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                int swept = BudgetStatements.sweep(tx, p, w);
                BudgetStatus s = BudgetStatements.setLimits(tx, p, daily, monthly, currency, w);
                if (s == null) {
                    throw new CurrencyMismatchException(p, BudgetStatements.currency(tx, p), currency);
                }
                return new Set(s, swept);
            }));
            context.metrics().reservationsEnded("expired", done.swept());
            return done.status();
        });
    }

    /** Removes both limits (NULL: no limit) and keeps everything else; empty if the principal has no budget row. */
    public Optional<BudgetStatus> clearLimits(String principalId) {
        return context.metrics().time(DAO, "clear_limits", () -> {
            String p = CostValidation.id("principalId", principalId);
            BudgetWindows w = windows();
            return Errors.translate(() -> BudgetStatements.clearLimits(context.dsl(), p, w));
        });
    }

    // ---------------------------------------------------------------------------------------------- reads

    /** The budget of {@code principalId} now (resets and expired reservations applied); empty if it has none. */
    public Optional<BudgetStatus> status(String principalId) {
        return context.metrics().time(DAO, "status", () -> {
            String p = CostValidation.id("principalId", principalId);
            BudgetWindows w = windows();
            return Errors.translate(() -> BudgetStatements.load(context.dsl(), p, w));
        });
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
     * <p>Outside a caller's transaction, concurrent calls for one principal on this {@code SarkDatabase} are decided
     * together, like {@link #tryCharge}'s; each caller still gets the figures it would have seen had the calls come
     * one after another, in arrival order.
     *
     * @throws InvalidInputException     if the amount is not positive or does not fit NUMERIC(18,8), or the currency is
     *                                   unknown (nothing written)
     * @throws CurrencyMismatchException if the budget is kept in another currency (nothing written)
     */
    public ChargeResult charge(String principalId, BigDecimal amount, String currency) {
        return context.metrics().time(DAO, "charge", () -> {
            String p = CostValidation.id("principalId", principalId);
            BigDecimal a = CostValidation.amount("amount", amount, false);
            String c = CostValidation.currency("currency", currency);
            Attempt at = Charges.withStatus(context, p, a, c, windows());
            return new ChargeResult(p, a, c, at.exceeded(), at.status());
        });
    }

    /**
     * {@link #charge} for hot paths that only need the decision, with the same guarantees (atomic, never past a
     * limit, reaching it exactly allowed, due resets applied, a missing budget row created unlimited, another
     * currency refused, a refusal audited as {@code cost_limit_exceeded}); the new figures are not read back (use
     * {@link #charge} or {@link #status} for them).
     *
     * <p>Outside a caller's transaction, concurrent calls for one principal on this {@code SarkDatabase} are
     * decided together, in arrival order: when their sum fits, one statement accepts them all; otherwise each is
     * decided as if it had come alone. Every caller gets its own answer (or its own exception), and the budget ends
     * exactly where the same calls made one after another would have left it. Inside {@code inTransaction} each
     * call is the caller's own statement.
     *
     * @return true if charged, false if refused (nothing written but the audit event)
     * @throws InvalidInputException     if the amount is not positive or does not fit NUMERIC(18,8), or the currency is
     *                                   unknown (nothing written)
     * @throws CurrencyMismatchException if the budget is kept in another currency (nothing written)
     */
    public boolean tryCharge(String principalId, BigDecimal amount, String currency) {
        return context.metrics().time(DAO, "try_charge", () -> {
            String p = CostValidation.id("principalId", principalId);
            BigDecimal a = CostValidation.amount("amount", amount, false);
            String c = CostValidation.currency("currency", currency);
            return Charges.decide(context, p, a, c, windows());
        });
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
        return context.metrics().time(DAO, "record_and_charge", () -> {
            BudgetWindows w = windows();
            ValidCost c = CostValidation.cost("cost", cost, w.now());
            BigDecimal amount = c.amount();
            try {
                record Recorded(CostChargeResult result, int swept) {
                }
                boolean withBudget = !LedgerBudgets.apart(context);
                // the ledger row before the charge: the budget row stays locked only for the charge
                Supplier<Recorded> write = () -> context.metrics().countingCurrencyRefusals("record_and_charge", () -> Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                    DSLContext tx = DSL.using(cfg);
                    Optional<Cost> replayed = CostRows.replayed(tx, c, w.now());
                    if (replayed.isPresent()) {
                        return new Recorded(new CostChargeResult(replayed, true, Optional.empty()), 0);
                    }
                    Cost inserted = CostRows.insertClaimed(context.with(tx), c, withBudget);
                    Attempt at = ChargeProtocol.chargeOrReserve(tx, context.schema(), c.principalId(), amount, ZERO, c.currency(), w, true);
                    if (at.refused()) {
                        throw new Refused(at, null); // rolls back the ledger row, the key claim and any housekeeping
                    }
                    return new Recorded(new CostChargeResult(Optional.of(inserted), false,
                            Optional.of(new ChargeResult(c.principalId(), amount, c.currency(), Optional.empty(), at.status()))),
                            at.swept());
                })));
                Recorded done = LedgerBudgets.around(context, List.of(c), write);
                if (done.result().replayed()) {
                    context.metrics().ledgerReplays(1);
                } else {
                    context.metrics().reservationsEnded("expired", done.swept());
                    context.metrics().decision("record_and_charge", Optional.empty());
                    context.metrics().ledgerRows("single", 1);
                }
                return done.result();
            } catch (Refused r) {
                context.metrics().decision("record_and_charge", r.attempt().exceeded());
                audit(new BudgetAudit.Refusal("record_and_charge", c.principalId(), amount, c.currency(),
                        r.attempt().exceeded().get(), r.attempt().status(), c.resourceId(), c.capabilityId(), null,
                        c.estimatedCost(), c.actualCost()), w);
                return new CostChargeResult(Optional.empty(), false, Optional.of(new ChargeResult(c.principalId(), amount,
                        c.currency(), r.attempt().exceeded(), r.attempt().status())));
            }
        });
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
        return context.metrics().time(DAO, "reserve", () -> {
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
            Reserved done = context.metrics().countingCurrencyRefusals("reserve", () -> Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                Attempt at = ChargeProtocol.chargeOrReserve(tx, context.schema(), p, ZERO, a, c, w, false);
                if (at.refused()) {
                    return new Reserved(at, null);
                }
                return new Reserved(at, BudgetStatements.insertReservation(tx, p, a, c, w.now(), expiresAt, meta));
            })));
            context.metrics().reservationsEnded("expired", done.attempt().swept());
            context.metrics().decision("reserve", done.attempt().exceeded());
            if (done.reservation() == null) {
                audit(new BudgetAudit.Refusal("reserve", p, a, c, done.attempt().exceeded().get(), done.attempt().status(),
                        null, null, null, a, null), w);
            }
            return new ReservationResult(p, a, c, Optional.ofNullable(done.reservation()), done.attempt().exceeded(),
                    done.attempt().status());
        });
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
        return context.metrics().time(DAO, "settle", () -> {
            String p = CostValidation.id("principalId", principalId);
            BigDecimal a = CostValidation.amount("actual", actual, true);
            BudgetWindows w = windows();
            record Settled(BudgetReservation hold, Attempt attempt) {
            }
            Settled done;
            try {
                done = Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                    DSLContext tx = DSL.using(cfg);
                    BudgetStatements.lockBudget(tx, p);
                    BudgetReservation hold = BudgetStatements.takeReservation(tx, p, reservationId, w.now())
                            .orElseThrow(() -> new NotFoundException("live reservation", p + "/" + reservationId));
                    Attempt at = ChargeProtocol.settle(tx, context.schema(), p, reservationId, a, hold.amount(), w);
                    if (at.refused()) {
                        throw new Refused(at, hold); // keep the reservation
                    }
                    return new Settled(hold, at);
                }));
            } catch (Refused r) {
                BudgetReservation hold = r.hold();
                context.metrics().decision("settle", r.attempt().exceeded());
                audit(new BudgetAudit.Refusal("settle", p, a, hold.currency(), r.attempt().exceeded().get(),
                        r.attempt().status(), null, null, reservationId, hold.amount(), a), w);
                return new ChargeResult(p, a, hold.currency(), r.attempt().exceeded(), r.attempt().status());
            }
            context.metrics().reservationsEnded("expired", done.attempt().swept());
            context.metrics().reservationsEnded("settled", 1);
            context.metrics().decision("settle", Optional.empty());
            return new ChargeResult(p, a, done.hold().currency(), Optional.empty(), done.attempt().status());
        });
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
        return context.metrics().time(DAO, "release", () -> {
            String p = CostValidation.id("principalId", principalId);
            BudgetWindows w = windows();
            boolean released = Errors.translate(() -> context.dsl().transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                BudgetStatements.lockBudget(tx, p);
                Optional<BudgetReservation> hold = BudgetStatements.takeReservation(tx, p, reservationId, null);
                if (hold.isEmpty()) {
                    return false;
                }
                BudgetStatements.unreserve(tx, p, hold.get().amount(), w);
                return true;
            }));
            if (released) {
                context.metrics().reservationsEnded("released", 1);
            }
            return released;
        });
    }

    /** A live or expired-but-not-yet-swept reservation. */
    public Optional<BudgetReservation> findReservation(String principalId, long reservationId) {
        return context.metrics().time(DAO, "find_reservation", () -> {
            String p = CostValidation.id("principalId", principalId);
            return Errors.translate(() -> BudgetStatements.findReservation(context.dsl(), p, reservationId));
        });
    }

    /**
     * Deletes the expired reservations of {@code principalId} and subtracts them from its reserved counters, in
     * one statement. Safe to run concurrently with anything.
     *
     * @return the number of reservations removed
     */
    public int sweepExpired(String principalId) {
        return context.metrics().time(DAO, "sweep_expired", () -> {
            String p = CostValidation.id("principalId", principalId);
            BudgetWindows w = windows();
            int n = Errors.translate(() -> BudgetStatements.sweep(context.dsl(), p, w));
            context.metrics().reservationsEnded("expired", n);
            return n;
        });
    }

    /**
     * {@link #sweepExpired(String)} for every principal with expired reservations, one principal per transaction
     * (never a multi-principal transaction). Suitable for a periodic job.
     *
     * @return the number of reservations removed
     */
    public int sweepExpired() {
        return context.metrics().time(DAO, "sweep_expired", () -> {
            BudgetWindows w = windows();
            List<String> principals = Errors.translate(() -> BudgetStatements.principalsWithExpiredHolds(context.dsl(), w));
            int n = 0;
            for (String p : principals) {
                int swept = Errors.translate(() -> BudgetStatements.sweep(context.dsl(), p, w));
                context.metrics().reservationsEnded("expired", swept);
                n += swept;
            }
            return n;
        });
    }

    // ---------------------------------------------------------------------------------------------- internals

    private BudgetWindows windows() {
        return BudgetWindows.at(context.now());
    }

    private void audit(BudgetAudit.Refusal refusal, BudgetWindows w) {
        Charges.audit(context, refusal, w);
    }
}
