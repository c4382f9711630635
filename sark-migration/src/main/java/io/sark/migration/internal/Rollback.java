package io.sark.migration.internal;

import io.sark.migration.MigrationBusyException;
import io.sark.migration.MigrationException;
import io.sark.migration.RollbackOptions;
import io.sark.migration.RollbackResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Deletes the rows migration runs created (all runs, or one), in one transaction, after checking what still
 * references them. Not API; see {@code V1ToV2Migration#rollback(RollbackOptions)}.
 */
public final class Rollback {

    private final DataSource dataSource;
    private final String targetSchema;
    private final StateTables tables;
    private final Clock clock;

    public Rollback(MigrationSettings settings) {
        this.dataSource = settings.dataSource();
        this.targetSchema = settings.targetSchema();
        this.tables = settings.state();
        this.clock = settings.clock();
    }

    /** Rolls back (refused without {@code force} when anything references the migrated rows). */
    public RollbackResult run(RollbackOptions options) {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            tables.requireV2Tables(c);
            if (!tables.installed(c)) {
                return new RollbackResult(options.dryRun(), false, options.runId(), 0, 0, 0, List.of(), List.of(), List.of(), 0, Map.of(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            c.setAutoCommit(false);
            if (!Sql.queryBool(c, "SELECT pg_try_advisory_xact_lock(?)", tables.lockKey())) {
                throw new MigrationBusyException("another migration execute or rollback is running on schema " + targetSchema);
            }
            // before any delete: deleting resources checks capabilities.resource_id through ix_capabilities_resource
            new DeferredIndexes(tables, targetSchema).restore(c);
            String runFilter = options.runId() == null ? "" : " AND p.run_id = " + options.runId();
            String migratedCaps = "SELECT p.id::text FROM " + tables.t("sark_migration_rows") + " p WHERE p.kind = 2" + runFilter;
            String migratedRes = "SELECT p.id::text FROM " + tables.t("sark_migration_rows") + " p WHERE p.kind = 1" + runFilter;
            List<String> costs = new ArrayList<>();
            List<String> audit = new ArrayList<>();
            long refs = 0;
            if (Sql.tableExists(c, targetSchema, "cost_tracking")) {
                String where = " FROM " + tables.t("cost_tracking") + " ct WHERE ct.capability_id IN (" + migratedCaps + ") OR ct.resource_id IN ("
                        + migratedRes + ")";
                refs += Sql.queryLong(c, "SELECT count(*)" + where);
                costs = Sql.queryStrings(c, "SELECT DISTINCT CASE WHEN ct.capability_id IN (" + migratedCaps
                        + ") THEN 'capability ' || ct.capability_id ELSE 'resource ' || ct.resource_id END" + where + " ORDER BY 1 LIMIT 50");
            }
            if (Sql.tableExists(c, targetSchema, "audit_events") && Sql.columnExists(c, targetSchema, "audit_events", "capability_id")) {
                String where = " FROM " + tables.t("audit_events") + " ae WHERE ae.capability_id IN (" + migratedCaps + ")";
                refs += Sql.queryLong(c, "SELECT count(*)" + where);
                audit = Sql.queryStrings(c, "SELECT DISTINCT 'capability ' || ae.capability_id" + where + " ORDER BY 1 LIMIT 50");
            }
            String nativeWhere = " FROM " + tables.t("capabilities") + " cap WHERE cap.resource_id IN (" + migratedRes + ") AND NOT EXISTS (SELECT 1 FROM "
                    + tables.t("sark_migration_rows") + " q WHERE q.kind = 2 AND q.id::text = cap.id)";
            long natives = Sql.queryLong(c, "SELECT count(*)" + nativeWhere);
            List<String> nativeIds = Sql.queryStrings(c, "SELECT cap.id" + nativeWhere + " ORDER BY 1 LIMIT 50");
            refs += natives;
            RollbackScope scope = new RollbackScope(c, targetSchema, runFilter);
            Map<String, Long> rows = scope.counts(natives);
            if (refs > 0 && !options.force()) {
                c.rollback();
                return new RollbackResult(options.dryRun(), true, options.runId(), 0, 0, 0, costs, audit, nativeIds, refs, rows,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
            long caps = Sql.update(c, "DELETE FROM " + tables.t("capabilities") + " cap USING " + tables.t("sark_migration_rows")
                    + " p WHERE p.kind = 2 AND cap.id = p.id::text" + runFilter);
            // native capabilities under migrated resources (only reached with force) go with them: ON DELETE CASCADE
            long nativeDeleted = natives;
            long res = Sql.update(c, "DELETE FROM " + tables.t("resources") + " r USING " + tables.t("sark_migration_rows")
                    + " p WHERE p.kind = 1 AND r.id = p.id::text" + runFilter);
            Sql.update(c, "DELETE FROM " + tables.t("sark_migration_rows") + " p WHERE true" + runFilter);
            scope.forgetJson();
            Sql.update(c, "UPDATE " + tables.t("sark_migration_runs") + " SET state = 'rolled_back', updated_at = ? WHERE state <> 'rolled_back'"
                    + (options.runId() == null ? "" : " AND id = " + options.runId()), Timestamp.from(clock.instant()));
            if (options.dryRun()) {
                c.rollback();
            } else {
                c.commit();
            }
            return new RollbackResult(options.dryRun(), false, options.runId(), res, caps, nativeDeleted, costs, audit, nativeIds, refs, rows,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            throw new MigrationException("rollback failed: " + Sql.oneLine(e), e);
        }
    }
}
