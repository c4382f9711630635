package io.sark.migration;

import java.time.Instant;
import java.util.List;

/**
 * Result of {@link V1ToV2Migration#status()}.
 *
 * @param targetSchema          the v2 schema
 * @param stateInstalled        whether the migration state tables exist (false: never executed)
 * @param migratedResources     resources rows currently attributed to a run
 * @param migratedCapabilities  capabilities rows currently attributed to a run
 * @param runs                  every run, newest first
 * @param deferredIndexes       secondary indexes of resources and capabilities that a run dropped (it started on
 *                              empty tables) and has not built again yet: it does so when it completes, and a
 *                              rollback does so first
 */
public record StatusResult(String targetSchema, boolean stateInstalled, long migratedResources, long migratedCapabilities,
                           List<Run> runs, long deferredIndexes) {
    public StatusResult {
        runs = List.copyOf(runs);
    }

    /**
     * One run.
     *
     * @param id                  run id
     * @param state               the run's status
     * @param phase               where the run is (or stopped)
     * @param v1Schema            source schema
     * @param shape               source shape
     * @param batchSize           batch size
     * @param serversTotal        v1 servers when the run started
     * @param toolsTotal          v1 tools when the run started
     * @param batchesDone         committed batches
     * @param resourcesCreated    rows created
     * @param capabilitiesCreated rows created
     * @param attempts            1 + number of resumptions
     * @param startedAt           start
     * @param updatedAt           last checkpoint
     * @param finishedAt          end, or null
     * @param batchMillisP50      median batch duration
     * @param batchMillisMax      slowest batch
     * @param error               last error, or null
     */
    public record Run(long id, RunStatus state, MigrationPhase phase, String v1Schema, String shape, int batchSize, long serversTotal,
                      long toolsTotal, int batchesDone, long resourcesCreated, long capabilitiesCreated, int attempts,
                      Instant startedAt, Instant updatedAt, Instant finishedAt, double batchMillisP50, double batchMillisMax,
                      String error) {
    }
}
