package io.sark.dao.model;

/**
 * Outcome of recording a batch.
 *
 * @param inserted   rows written to the ledger
 * @param duplicates rows skipped because their idempotency key was already recorded (earlier, or earlier in
 *                   the same batch)
 * @param copied     whether the rows went through PostgreSQL COPY
 */
public record CostBatchResult(int inserted, int duplicates, boolean copied) {
}
