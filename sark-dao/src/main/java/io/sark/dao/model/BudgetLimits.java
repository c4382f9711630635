package io.sark.dao.model;

import io.sark.dao.internal.CostValidation;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits of a principal's budget. An empty limit means "no limit" (stored as NULL). Valid on construction
 * ({@link io.sark.schema.InvalidInputException} naming {@code daily}, {@code monthly} or {@code currency}): each limit
 * is {@code >= 0} and fits NUMERIC(18,8) without rounding, the currency is an ISO 4217 code.
 *
 * <pre>{@code
 * db.budgets().setLimits("user-1", BudgetLimits.of("EUR").daily("10").monthly("200"));
 * db.budgets().setLimits("user-1", BudgetLimits.of("EUR").monthly("200"));   // clears the daily limit
 * }</pre>
 */
public record BudgetLimits(Optional<BigDecimal> daily, Optional<BigDecimal> monthly, String currency) {

    public BudgetLimits {
        daily = Objects.requireNonNull(daily, "daily").map(l -> CostValidation.amount("daily", l, true));
        monthly = Objects.requireNonNull(monthly, "monthly").map(l -> CostValidation.amount("monthly", l, true));
        currency = CostValidation.currency("currency", currency);
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

    /** With this daily limit as decimal text. @throws io.sark.schema.InvalidInputException ({@code daily}) if not a decimal number */
    public BudgetLimits daily(String limit) {
        return daily(CostValidation.parse("daily", limit));
    }

    /** With this monthly limit ({@code null}: none). */
    public BudgetLimits monthly(BigDecimal limit) {
        return new BudgetLimits(daily, Optional.ofNullable(limit), currency);
    }

    /** With this monthly limit as decimal text. @throws io.sark.schema.InvalidInputException ({@code monthly}) if not a decimal number */
    public BudgetLimits monthly(String limit) {
        return monthly(CostValidation.parse("monthly", limit));
    }
}
