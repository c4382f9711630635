package io.sark.dao.model;

import io.sark.dao.internal.Amounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * A principal's budget as of {@link #asOf()}, with due resets and expired reservations already applied to the
 * figures (whether or not the stored row has been rewritten yet).
 *
 * @param dailyLimit      empty: no daily limit
 * @param monthlyLimit    empty: no monthly limit
 * @param dailySpent      charged in the current UTC day
 * @param monthlySpent    charged in the current UTC month
 * @param reserved        held by live (unexpired, unsettled) reservations; counts against both windows
 * @param dailyWindowStart   start of the current UTC day
 * @param monthlyWindowStart start of the current UTC month
 * @param asOf            the clock's "now" the figures refer to
 */
public record BudgetStatus(String principalId, String currency, Optional<BigDecimal> dailyLimit,
                           Optional<BigDecimal> monthlyLimit, BigDecimal dailySpent, BigDecimal monthlySpent,
                           BigDecimal reserved, Instant dailyWindowStart, Instant monthlyWindowStart,
                           Instant asOf) {

    /** {@code limit - spent - reserved} in the day, never negative (zero when a limit was lowered below it). */
    public Optional<BigDecimal> dailyRemaining() {
        return dailyLimit.map(l -> l.subtract(dailySpent).subtract(reserved).max(Amounts.ZERO));
    }

    /** {@code limit - spent - reserved} in the month, never negative. */
    public Optional<BigDecimal> monthlyRemaining() {
        return monthlyLimit.map(l -> l.subtract(monthlySpent).subtract(reserved).max(Amounts.ZERO));
    }

    /** {@code spent / limit × 100} (2 decimals, may exceed 100 after a limit was lowered); a zero limit is 100 % used. */
    public Optional<BigDecimal> dailyPercentUsed() {
        return dailyLimit.map(l -> percent(dailySpent, l));
    }

    /** {@code spent / limit × 100} for the month; see {@link #dailyPercentUsed()}. */
    public Optional<BigDecimal> monthlyPercentUsed() {
        return monthlyLimit.map(l -> percent(monthlySpent, l));
    }

    /** Whether {@code amount} more could be charged now without exceeding a limit. */
    public boolean allows(BigDecimal amount) {
        return exceededBy(amount).isEmpty();
    }

    /** The first window (daily, then monthly) that charging {@code amount} now would exceed. */
    public Optional<BudgetWindow> exceededBy(BigDecimal amount) {
        if (dailyLimit.isPresent() && dailySpent.add(reserved).add(amount).compareTo(dailyLimit.get()) > 0) {
            return Optional.of(BudgetWindow.DAILY);
        }
        if (monthlyLimit.isPresent() && monthlySpent.add(reserved).add(amount).compareTo(monthlyLimit.get()) > 0) {
            return Optional.of(BudgetWindow.MONTHLY);
        }
        return Optional.empty();
    }

    private static BigDecimal percent(BigDecimal spent, BigDecimal limit) {
        if (limit.signum() == 0) {
            return BigDecimal.valueOf(100).setScale(2);
        }
        return spent.multiply(BigDecimal.valueOf(100)).divide(limit, 2, RoundingMode.HALF_UP);
    }
}
