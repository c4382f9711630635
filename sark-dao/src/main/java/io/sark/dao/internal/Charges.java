package io.sark.dao.internal;

import io.sark.dao.internal.ChargeProtocol.Attempt;
import io.sark.dao.model.BudgetStatus;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How {@code PrincipalBudgetDao} decides a charge: alone (the conditional UPDATE, then the full protocol with its
 * audited refusal), or, outside a caller's transaction, combined with the concurrent charges of the same principal
 * ({@link ChargeCombiner}). Internal.
 */
public final class Charges {

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private Charges() {
    }

    /** {@code tryCharge}: whether {@code a} was charged. */
    public static boolean decide(DaoContext context, String p, BigDecimal a, String c, BudgetWindows w) {
        if (context.charges() == null) { // in a caller's transaction: its own statements, in its order
            return decideAlone(context, p, a, c, w);
        }
        return context.charges().charge(p, a, c, (cur, total, amounts) -> {
            if (!Errors.translate(() -> BudgetSql.tryCharge(context.dsl(), context.schema(), p, total, cur, w))) {
                return null;
            }
            countAccepted(context, amounts.size());
            return Collections.nCopies(amounts.size(), Boolean.TRUE);
        }, (amt, cur) -> decideAlone(context, p, amt, cur, w));
    }

    /** {@code charge}: the decision with the figures after it. */
    public static Attempt withStatus(DaoContext context, String p, BigDecimal a, String c, BudgetWindows w) {
        if (context.chargesWithStatus() == null) {
            return audited(context, p, a, c, w, true);
        }
        return context.chargesWithStatus().charge(p, a, c, (cur, total, amounts) -> {
            BudgetStatus after = BudgetStatements.status(Errors.translate(
                    () -> BudgetSql.chargeCurrent(context.dsl(), context.schema(), p, total, cur, w)), w);
            if (after == null) {
                return null;
            }
            countAccepted(context, amounts.size());
            return oneAfterAnother(after, amounts);
        }, (amt, cur) -> audited(context, p, amt, cur, w, true));
    }

    /** Appends a {@code cost_limit_exceeded} event. */
    public static void audit(DaoContext context, BudgetAudit.Refusal refusal, BudgetWindows w) {
        Errors.run(() -> BudgetAudit.costLimitExceeded(context.dsl(), w.now(), refusal));
    }

    /** The charge protocol with its audit event on refusal. */
    private static Attempt audited(DaoContext context, String p, BigDecimal a, String c, BudgetWindows w, boolean currentFirst) {
        Attempt at = context.metrics().countingCurrencyRefusals("charge", () -> Errors.translate(
                () -> ChargeProtocol.chargeOrReserve(context.dsl(), context.schema(), p, a, ZERO, c, w, currentFirst)));
        context.metrics().reservationsEnded("expired", at.swept());
        context.metrics().decision("charge", at.exceeded());
        if (at.refused()) {
            audit(context, new BudgetAudit.Refusal("charge", p, a, c, at.exceeded().get(), at.status(), null, null, null, null, null), w);
        }
        return at;
    }

    private static boolean decideAlone(DaoContext context, String p, BigDecimal a, String c, BudgetWindows w) {
        if (Errors.translate(() -> BudgetSql.tryCharge(context.dsl(), context.schema(), p, a, c, w))) {
            countAccepted(context, 1);
            return true;
        }
        // a reset is due, a limit or an expired hold is in the way, the currency differs or there is no row yet
        return audited(context, p, a, c, w, false).exceeded().isEmpty();
    }

    /**
     * The figures each of {@code amounts} (in arrival order, all accepted) would have seen had they been charged one
     * after another: those after the whole batch, less the charges that came after it.
     */
    private static List<Attempt> oneAfterAnother(BudgetStatus after, List<BigDecimal> amounts) {
        Attempt[] attempts = new Attempt[amounts.size()];
        BigDecimal later = ZERO;
        for (int i = attempts.length - 1; i >= 0; i--) {
            attempts[i] = new Attempt(Optional.empty(), new BudgetStatus(after.principalId(), after.currency(),
                    after.dailyLimit(), after.monthlyLimit(), after.dailySpent().subtract(later),
                    after.monthlySpent().subtract(later), after.reserved(), after.dailyWindowStart(),
                    after.monthlyWindowStart(), after.asOf()));
            later = later.add(amounts.get(i));
        }
        return List.of(attempts);
    }

    private static void countAccepted(DaoContext context, int n) {
        for (int i = 0; i < n; i++) {
            context.metrics().decision("charge", Optional.empty());
        }
    }
}
