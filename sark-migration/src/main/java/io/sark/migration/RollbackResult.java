package io.sark.migration;

import java.util.List;

/**
 * What {@link V1ToV2Migration#rollback(RollbackOptions)} did (or, with {@code dryRun}, would do).
 *
 * @param dryRun                  nothing was changed
 * @param refused                 blocked by references (see the lists) and not forced; nothing was changed
 * @param runId                   the run rolled back, or null for all runs
 * @param resourcesDeleted        migrated resources rows deleted
 * @param capabilitiesDeleted     migrated capabilities rows deleted
 * @param nativeCapabilitiesDeleted natively created capabilities deleted with their migrated resource (only with force)
 * @param referencedByCosts       migrated capability/resource ids referenced by cost_tracking (first 50)
 * @param referencedByAudit       migrated capability ids referenced by audit_events (first 50)
 * @param nativeChildren          native capability ids under migrated resources (first 50)
 * @param referenceCount          total number of blocking references
 * @param rows                    rows per table the rollback deletes: deleted, or with {@code dryRun} would be, or when
 *                                {@code refused} would be with {@code force} (keys {@code capabilities},
 *                                {@code capabilities_native}, {@code resources}, {@code sark_migration_rows},
 *                                {@code sark_migration_json})
 * @param millis                  wall time
 */
public record RollbackResult(boolean dryRun, boolean refused, Long runId, long resourcesDeleted, long capabilitiesDeleted,
                             long nativeCapabilitiesDeleted, List<String> referencedByCosts, List<String> referencedByAudit,
                             List<String> nativeChildren, long referenceCount, java.util.Map<String, Long> rows, long millis) {
    public RollbackResult {
        referencedByCosts = List.copyOf(referencedByCosts);
        referencedByAudit = List.copyOf(referencedByAudit);
        nativeChildren = List.copyOf(nativeChildren);
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }
}
