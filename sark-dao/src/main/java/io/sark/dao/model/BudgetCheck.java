package io.sark.dao.model;

import io.sark.dao.internal.Amounts;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Answer of a read-only budget check: whether {@code amount} would be accepted now. Advisory: only a charge
 * or a reservation actually holds the money.
 *
 * @param exceeded the window the amount would exceed (daily is reported first); empty when allowed
 * @param status   the status the answer is based on; empty when the principal has no budget row (no limits)
 */
public record BudgetCheck(String principalId, BigDecimal amount, Optional<BudgetWindow> exceeded,
                          Optional<BudgetStatus> status) {

    public BudgetCheck {
        amount = Amounts.of(amount);
    }

    public boolean allowed() {
        return exceeded.isEmpty();
    }
}
