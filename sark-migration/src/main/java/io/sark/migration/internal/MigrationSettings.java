package io.sark.migration.internal;

import io.sark.migration.InvalidJson;
import io.sark.migration.Progress;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The validated settings of one migration (what {@code V1ToV2Migration.Builder} built), handed to the planner,
 * the batch runner and the rollback. Not API.
 *
 * @param progress   may be null
 * @param batchHook  may be null
 * @param metrics    {@link MigrationMetrics#NONE} when no registry was given
 */
public record MigrationSettings(DataSource dataSource, String v1Schema, String targetSchema, int batchSize, Clock clock,
                                Progress.Listener progress, BatchHook batchHook, int sampleSize, boolean rehearse,
                                InvalidJson invalidJson, MigrationMetrics metrics) {

    /** Called inside each batch's transaction after its rows were written and before the commit. */
    @FunctionalInterface
    public interface BatchHook {
        void afterWrite(long runId, String phase, int batchNo) throws Exception;
    }

    /** The state tables of the target schema. */
    public StateTables state() {
        return new StateTables(targetSchema);
    }
}
