package io.sark.migration;

/**
 * What {@link V1ToV2Migration#execute()} did.
 *
 * @param runId                the run (a resumed run keeps its id)
 * @param resumed              whether an interrupted run was continued
 * @param state                {@code completed} (or {@code failed} when an exception was also thrown)
 * @param shape                the v1 shape migrated
 * @param batches              batches committed by this call
 * @param resourcesCreated     resources rows the run created in total (all attempts)
 * @param capabilitiesCreated  capabilities rows the run created in total
 * @param resourcesSkipped     servers whose id already existed in resources (left untouched)
 * @param capabilitiesSkipped  tools whose id already existed in capabilities (left untouched)
 * @param placeholderEndpoints resources of this run carrying the placeholder endpoint
 * @param millis               wall time of this call
 */
public record ExecuteResult(long runId, boolean resumed, String state, SourceShape shape, int batches,
                            long resourcesCreated, long capabilitiesCreated, long resourcesSkipped,
                            long capabilitiesSkipped, long placeholderEndpoints, long millis) {

    /** Rows created by this call per second (both tables). */
    public double rowsPerSecond() {
        return millis == 0 ? 0 : (resourcesCreated + capabilitiesCreated) * 1000.0 / millis;
    }
}
