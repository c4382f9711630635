package io.sark.dao.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits of a principal's budget. An empty limit means "no limit" (stored as NULL).
 *
 * <pre>{@code
 * db.budgets().setLimits("user-1", BudgetLimits.of("EUR").daily("10").monthly("200"));
 * db.budgets().setLimits("user-1", BudgetLimits.of("EUR").monthly("200"));   // clears the daily limit
 * }</pre>
 */
public record BudgetLimits(Optional<BigDecimal> daily, Optional<BigDecimal> monthly, String currency) {

    public BudgetLimits {
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(monthly, "monthly");
    }

    /** No limits, in {@code currency} (ISO 4217). */
    public static BudgetLimits of(String currency) {
        return new BudgetLimits(Optional.empty(), Optional.empty(), currency);
    }

    /** No limits, in USD. */
    public static BudgetLimits unlimited() {
        return of(NewCost.DEFAULT_CURRENCY);
    }

    /** With this daily limit ({@code null}: none). */
    public BudgetLimits daily(BigDecimal limit) {
        return new BudgetLimits(Optional.ofNullable(limit), monthly, currency);
    }

    /** With this daily limit as decimal text. @throws io.sark.dao.InvalidInputException ({@code limits.daily}) if not a decimal number */
    public BudgetLimits daily(String limit) {
        return daily(io.sark.dao.internal.CostValidation.parse("limits.daily", limit));
    }

    /** With this monthly limit ({@code null}: none). */
    public BudgetLimits monthly(BigDecimal limit) {
        return new BudgetLimits(daily, Optional.ofNullable(limit), currency);
    }

    /** With this monthly limit as decimal text. @throws io.sark.dao.InvalidInputException ({@code limits.monthly}) if not a decimal number */
    public BudgetLimits monthly(String limit) {
        return monthly(io.sark.dao.internal.CostValidation.parse("limits.monthly", limit));
    }
}
