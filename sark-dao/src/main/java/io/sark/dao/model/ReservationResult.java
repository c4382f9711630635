package io.sark.dao.model;

import io.sark.dao.BudgetExceededException;
import io.sark.dao.internal.Amounts;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Outcome of a reservation. A refused reservation wrote nothing but a {@code cost_limit_exceeded} audit event.
 *
 * @param reservation present when accepted
 * @param exceeded    the window the hold would have exceeded; empty when accepted
 * @param status      accepted: the budget with the hold; refused: the budget that caused the refusal
 */
public record ReservationResult(String principalId, BigDecimal amount, String currency,
                                Optional<BudgetReservation> reservation, Optional<BudgetWindow> exceeded,
                                BudgetStatus status) {

    public ReservationResult {
        amount = Amounts.of(amount);
    }

    public boolean accepted() {
        return reservation.isPresent();
    }

    /**
     * The reservation.
     *
     * @throws BudgetExceededException if refused
     */
    public BudgetReservation orElseThrow() {
        return reservation.orElseThrow(
                () -> new BudgetExceededException(principalId, amount, currency, exceeded.orElseThrow(), status));
    }
}
