package io.sark.dao.internal;

import static io.sark.schema.jooq.Tables.PRINCIPAL_BUDGETS;
import static org.jooq.impl.DSL.val;

import io.sark.dao.internal.CostValidation.ValidCost;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The budget row every ledger row needs (cost_tracking references principal_budgets): created when absent, with no
 * limits and the cost's currency.
 *
 * <p>Outside a caller's transaction it is created and committed on its own before the ledger write, and the write's
 * transaction then touches principal_budgets only after its ledger rows (or not at all), so that a budget row is
 * locked for as short a time as possible; principals this handle has seen are not looked up again. Inside a
 * caller's transaction the row is created in the ledger write's own statement, as the caller's order decides.
 * Internal.
 */
public final class LedgerBudgets {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private LedgerBudgets() {
    }

    /**
     * Whether ledger writes through {@code context} leave the budget rows to {@link #around} (outside a caller's
     * transaction); if not, each write creates them itself, in its own statements.
     */
    public static boolean apart(DaoContext context) {
        return context.budgeted() != null;
    }

    /**
     * Runs {@code work}, which writes {@code costs}. When {@link #apart}, their principals' budget rows are
     * committed first, and {@code work} must not create them; a row removed since this handle last saw it makes
     * the ledger's foreign key refuse the write, which then runs once more after creating the row again.
     */
    public static <T> T around(DaoContext context, List<ValidCost> costs, Supplier<T> work) {
        if (!apart(context)) {
            return work.get();
        }
        ensure(context, costs, false);
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (!foreignKeyViolation(e)) {
                throw e;
            }
            ensure(context, costs, true);
            return work.get();
        }
    }

    /**
     * Creates the budget rows of {@code costs}' principals that lack one, in {@code dsl}'s transaction (or
     * autocommit), at {@code now}; principals in order, so that concurrent calls lock them in the same order.
     */
    public static void create(DSLContext dsl, List<ValidCost> costs, OffsetDateTime now) {
        TreeMap<String, String> currencyByPrincipal = new TreeMap<>();
        for (ValidCost c : costs) {
            currencyByPrincipal.putIfAbsent(c.principalId(), c.currency());
        }
        dsl.execute("insert into {0} (principal_id, currency, created_at, updated_at) "
                        + "select p, c, {3}, {3} from unnest({1}, {2}) as t(p, c) order by p on conflict do nothing",
                PRINCIPAL_BUDGETS,
                val(currencyByPrincipal.keySet().toArray(String[]::new)),
                val(currencyByPrincipal.values().toArray(String[]::new)),
                val(now));
    }

    private static void ensure(DaoContext context, List<ValidCost> costs, boolean again) {
        KnownBudgets known = context.budgeted();
        List<ValidCost> missing = again ? costs : costs.stream().filter(c -> !known.contains(c.principalId())).toList();
        if (missing.isEmpty()) {
            return;
        }
        Errors.run(() -> create(context.dsl(), missing, context.now()));
        for (ValidCost c : missing) {
            known.add(c.principalId());
        }
    }

    private static boolean foreignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
