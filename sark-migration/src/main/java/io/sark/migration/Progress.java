package io.sark.migration;

/**
 * Progress of {@link V1ToV2Migration#execute()}, reported after each committed batch.
 *
 * @param runId      the run
 * @param phase      {@link MigrationPhase#RESOURCES} or {@link MigrationPhase#CAPABILITIES}
 * @param batchNo    the batch just committed (run-wide, from 1)
 * @param done       v1 rows of this phase processed so far (including earlier attempts)
 * @param total      v1 rows of this phase
 * @param elapsedMillis time since this call started
 */
public record Progress(long runId, MigrationPhase phase, int batchNo, long done, long total, long elapsedMillis) {

    /** Receives progress; must be fast. Throwing aborts the run after the batch was committed (resumable). */
    @FunctionalInterface
    public interface Listener {
        void onBatch(Progress progress);
    }
}
