package io.sark.dao.internal;

import io.sark.dao.CurrencyMismatchException;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.BudgetWindow;
import io.sark.schema.SarkException;
import java.math.BigDecimal;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The retry protocol of every budget write that must fit the limits (charge, reserve, record-and-charge, settle):
 * the conditional UPDATE first (one round trip when accepted); when it matches nothing, find out why and act —
 * no budget row (create an unlimited one, retry), another currency (throw), expired reservations in the way
 * (sweep, retry), or a limit (refuse). Internal.
 */
public final class ChargeProtocol {

    private static final int MAX_ATTEMPTS = 8;
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private ChargeProtocol() {
    }

    /**
     * The outcome: accepted (no exceeded window) or refused in {@code exceeded}, with the figures seen and the number
     * of expired reservations swept on the way.
     */
    public record Attempt(Optional<BudgetWindow> exceeded, BudgetStatus status, int swept) {

        /** Nothing swept. */
        public Attempt(Optional<BudgetWindow> exceeded, BudgetStatus status) {
            this(exceeded, status, 0);
        }

        /** Whether the amount was refused. */
        public boolean refused() {
            return exceeded.isPresent();
        }
    }

    /** Carries a refusal out of a transaction callback so that its writes roll back. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Attempt attempt;
        private final transient BudgetReservation hold;

        /** A refusal; {@code hold} is the reservation a refused settle keeps (else null). */
        public Refused(Attempt attempt, BudgetReservation hold) {
            super(null, null, false, false);
            this.attempt = attempt;
            this.hold = hold;
        }

        public Attempt attempt() {
            return attempt;
        }

        /** The reservation a refused settle keeps, or null. */
        public BudgetReservation hold() {
            return hold;
        }
    }

    /**
     * Charges {@code spend} (> 0) or reserves {@code hold} (> 0). A retry also happens when a concurrent change
     * made room between the UPDATE and the diagnosis. With {@code currentFirst} (plain charges) the first UPDATE
     * is the statement for current windows ({@link BudgetSql#chargeCurrent}), the common case; the full
     * statement, which applies due resets, runs when it matches nothing.
     *
     * @throws CurrencyMismatchException if the budget is kept in another currency
     */
    public static Attempt chargeOrReserve(DSLContext dsl, String schema, String p, BigDecimal spend, BigDecimal hold,
                                          String currency, BudgetWindows w, boolean currentFirst) {
        BigDecimal amount = spend.add(hold);
        BudgetStatus last = null;
        int swept = 0;
        if (currentFirst) {
            BudgetStatus r = BudgetStatements.status(BudgetSql.chargeCurrent(dsl, schema, p, spend, currency, w), w);
            if (r != null) {
                return new Attempt(Optional.empty(), r);
            }
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            BudgetStatus r = BudgetStatements.status(BudgetSql.update(dsl, schema, p, spend, hold, currency, w, true), w);
            if (r != null) {
                return new Attempt(Optional.empty(), r, swept);
            }
            Optional<BudgetStatus> s = BudgetStatements.load(dsl, p, w);
            if (s.isEmpty()) {
                BudgetStatements.createUnlimited(dsl, p, currency, w);
                continue;
            }
            last = s.get();
            if (!last.currency().equals(currency)) {
                throw new CurrencyMismatchException(p, last.currency(), currency);
            }
            int n = sweptExpiredHolds(dsl, p, w);
            if (n > 0) {
                swept += n;
                continue;
            }
            Optional<BudgetWindow> exceeded = last.exceededBy(amount);
            if (exceeded.isPresent()) {
                return new Attempt(exceeded, last, swept);
            }
            // a concurrent settle/release/sweep made room after our UPDATE: try again
        }
        // persistent contention: refuse conservatively rather than spin
        return new Attempt(Optional.of(exceeded(last, amount)), last, swept);
    }

    /**
     * With the budget row locked and the hold already deleted: charges {@code actual} instead of the hold's
     * {@code held} amount. Up to the hold always accepted; above it the excess must fit the limits.
     */
    public static Attempt settle(DSLContext tx, String schema, String p, long reservationId, BigDecimal actual, BigDecimal held,
                                 BudgetWindows w) {
        boolean withinHold = actual.compareTo(held) <= 0;
        int swept = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            BudgetStatus r = BudgetStatements.status(BudgetSql.update(tx, schema, p, actual, held.negate(), null, w, !withinHold), w);
            int n;
            if (r != null) {
                return new Attempt(Optional.empty(), r, swept);
            } else if ((n = sweptExpiredHolds(tx, p, w)) > 0) {
                swept += n;
            } else {
                // refused: only possible above the hold. The budget row is locked, so this is final. The
                // deleted hold is still in the counters (the UPDATE did not run): the excess must fit.
                BudgetStatus s = BudgetStatements.load(tx, p, w).orElseThrow();
                return new Attempt(Optional.of(exceeded(s, actual.subtract(held))), s, swept);
            }
        }
        throw new SarkException("settle of " + p + "/" + reservationId + " did not converge");
    }

    /** Sweeps the expired holds of {@code p} if it has any; the number swept. */
    private static int sweptExpiredHolds(DSLContext dsl, String p, BudgetWindows w) {
        return BudgetStatements.hasExpiredHolds(dsl, p, w) ? BudgetStatements.sweep(dsl, p, w) : 0;
    }

    private static BudgetWindow exceeded(BudgetStatus s, BigDecimal amount) {
        return s.exceededBy(amount).orElse(s.dailyLimit().isPresent() ? BudgetWindow.DAILY : BudgetWindow.MONTHLY);
    }
}
