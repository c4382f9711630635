package io.sark.dao.model;

import io.sark.dao.BudgetExceededException;
import io.sark.dao.internal.Amounts;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Outcome of a charge or a settle. A refused charge wrote nothing but a {@code cost_limit_exceeded} audit event.
 *
 * @param exceeded the window the charge would have exceeded; empty when accepted
 * @param status   accepted: the budget right after the charge; refused: the budget that caused the refusal
 */
public record ChargeResult(String principalId, BigDecimal amount, String currency, Optional<BudgetWindow> exceeded,
                           BudgetStatus status) {

    public ChargeResult {
        amount = Amounts.of(amount);
    }

    public boolean accepted() {
        return exceeded.isEmpty();
    }

    /**
     * This result if accepted.
     *
     * @throws BudgetExceededException if refused (throw it outside a transaction callback if the audit event of
     *                                 the refusal must survive: an exception inside the callback rolls it back)
     */
    public ChargeResult orElseThrow() {
        if (!accepted()) {
            throw new BudgetExceededException(principalId, amount, currency, exceeded.get(), status);
        }
        return this;
    }
}
