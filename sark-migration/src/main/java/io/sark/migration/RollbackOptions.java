package io.sark.migration;

/**
 * Options of {@link V1ToV2Migration#rollback(RollbackOptions)}.
 *
 * @param dryRun compute everything, change nothing
 * @param force  delete even when cost/audit rows reference migrated rows or native capabilities hang under
 *               migrated resources
 * @param runId  roll back only this run's rows (null: every run)
 */
public record RollbackOptions(boolean dryRun, boolean force, Long runId) {

    /** Roll back every run, refusing on references. */
    public static RollbackOptions defaults() {
        return new RollbackOptions(false, false, null);
    }
}
