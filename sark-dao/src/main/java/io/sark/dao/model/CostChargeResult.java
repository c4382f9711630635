package io.sark.dao.model;

import io.sark.dao.BudgetExceededException;
import java.util.Optional;

/**
 * Outcome of {@code recordAndCharge}: the cost row and the charge were written together, or neither was.
 *
 * @param cost     the ledger row: the new one, or — when {@code replayed} — the one first recorded with the same
 *                 idempotency key; empty when refused
 * @param replayed the idempotency key had been recorded before: nothing was written and nothing charged
 * @param charge   the charge (accepted or refused); empty when replayed
 */
public record CostChargeResult(Optional<Cost> cost, boolean replayed, Optional<ChargeResult> charge) {

    /** Whether the cost is in the ledger (new or replayed). */
    public boolean accepted() {
        return cost.isPresent();
    }

    /**
     * The cost row.
     *
     * @throws BudgetExceededException if the charge was refused
     */
    public Cost orElseThrow() {
        if (cost.isEmpty()) {
            charge.orElseThrow().orElseThrow();
        }
        return cost.orElseThrow();
    }
}
