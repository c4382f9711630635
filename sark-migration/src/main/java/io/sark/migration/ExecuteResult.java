package io.sark.migration;

import java.util.List;

/**
 * What {@link V1ToV2Migration#execute()} did: the run completed (a run that fails throws {@link MigrationException};
 * {@link V1ToV2Migration#status()} then shows it {@link RunStatus#FAILED}, and the next {@code execute()} resumes it).
 *
 * @param runId                the run (a resumed run keeps its id)
 * @param resumed              whether an interrupted run was continued
 * @param shape                the v1 shape migrated
 * @param batches              batches committed by this call
 * @param resourcesCreated     resources rows the run created in total (all attempts)
 * @param capabilitiesCreated  capabilities rows the run created in total
 * @param resourcesSkipped     servers whose id already existed in resources (left untouched) or skipped under
 *                             {@link InvalidJson#SKIP}
 * @param capabilitiesSkipped  tools whose id already existed in capabilities (left untouched)
 * @param placeholderEndpoints resources of this run carrying the placeholder endpoint
 * @param invalidJson          every v1 JSON value jsonb cannot hold as it is (NUL, a key twice) and what was done
 *                             with it ({@link InvalidJson}); the original texts are in {@code sark_migration_json}
 * @param warnings             what the operator should look at although the run completed (e.g. an empty v1 schema)
 * @param millis               wall time of this call
 */
public record ExecuteResult(long runId, boolean resumed, SourceShape shape, int batches,
                            long resourcesCreated, long capabilitiesCreated, long resourcesSkipped,
                            long capabilitiesSkipped, long placeholderEndpoints, List<JsonRow> invalidJson,
                            List<String> warnings, long millis) {

    public ExecuteResult {
        invalidJson = List.copyOf(invalidJson);
        warnings = List.copyOf(warnings);
    }

    /** Rows created by this call per second (both tables). */
    public double rowsPerSecond() {
        return millis == 0 ? 0 : (resourcesCreated + capabilitiesCreated) * 1000.0 / millis;
    }
}
