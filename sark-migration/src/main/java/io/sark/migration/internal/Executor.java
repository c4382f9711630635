package io.sark.migration.internal;

import io.sark.migration.ExecuteResult;
import io.sark.migration.MigrationBusyException;
import io.sark.migration.MigrationException;
import io.sark.migration.ShapeDetection;
import io.sark.migration.SourceShape;
import io.sark.migration.V1SchemaNotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execute: takes the target schema's advisory lock, runs the batches with a commit each, marks a failed run
 * resumable, and sums up. Not API; see {@code V1ToV2Migration#execute()}.
 */
public final class Executor {

    /** The operator's trail of execute: start, finish, failure (batches: {@link BatchRunner}). */
    private static final Logger LOG = LoggerFactory.getLogger("io.sark.migration.V1ToV2Migration");

    private final MigrationSettings s;
    private final StateTables tables;
    private final String toolVersion;

    public Executor(MigrationSettings settings, String toolVersion) {
        this.s = settings;
        this.tables = settings.state();
        this.toolVersion = toolVersion;
    }

    /** Executes with the shape detected before. */
    public ExecuteResult run(ShapeDetection shape) {
        long t0 = System.nanoTime();
        try (Connection c = s.dataSource().getConnection()) {
            if (shape.shape() == SourceShape.ABSENT) {
                throw new V1SchemaNotFoundException(s.v1Schema(), Attention.otherV1Schemas(c, s.v1Schema()));
            }
            tables.requireV2Tables(c);
            tables.install(s.dataSource());
            if (!Sql.queryBool(c, "SELECT pg_try_advisory_lock(?)", tables.lockKey())) {
                throw new MigrationBusyException("another migration execute or rollback is running on schema " + s.targetSchema());
            }
            s.metrics().executing(true);
            try {
                c.setAutoCommit(false);
                BatchRunner r = new BatchRunner(s, c, shape, false, toolVersion);
                LOG.info("migration execute: v1 schema {} ({} shape) -> schema {}", s.v1Schema(), shape.shape(), s.targetSchema());
                try {
                    r.run();
                } catch (Exception e) {
                    LOG.warn("migration run {} failed (resume with execute; until it completes, or a rollback, the secondary"
                            + " indexes it dropped stay dropped): {}", r.runId(), Sql.oneLine(e));
                    s.metrics().runEnded("failed");
                    c.rollback();
                    RunState failed = r.state();
                    long runId = r.runId();
                    if (runId > 0) {
                        new RunStore(tables).markFailed(c, runId, Sql.oneLine(e), s.clock().instant());
                        c.commit();
                    }
                    throw new MigrationException("migration run " + runId + " failed in " + (failed == null ? RunState.SERVERS_PHASE : failed.phase())
                            + " batch " + ((failed == null ? 0 : failed.batchesDone()) + 1) + " (resume with execute): " + Sql.oneLine(e), e);
                }
                RunState done = r.state();
                long built0 = System.nanoTime();
                int rebuilt = new DeferredIndexes(tables, s.targetSchema()).restore(c, s.dataSource());
                if (rebuilt > 0) {
                    LOG.info("migration run {}: {} secondary indexes built again in {} ms", done.runId(), rebuilt,
                            (System.nanoTime() - built0) / 1_000_000);
                }
                long placeholders = Sql.queryLong(c, "SELECT count(*) FROM " + tables.t("resources") + " r JOIN " + tables.t("sark_migration_rows")
                        + " p ON p.kind = 1 AND r.id = p.id::text WHERE p.run_id = ? AND r.endpoint LIKE ?", done.runId(),
                        Mapping.PLACEHOLDER_ENDPOINT_PREFIX + "%");
                c.commit();
                s.metrics().runEnded("completed");
                LOG.info("migration run {} completed{}: {} resources and {} capabilities created, {}/{} already present or skipped, "
                        + "{} batches in {} ms", done.runId(), done.resumed() ? " (resumed)" : "", done.servers().created(), done.tools().created(),
                        done.servers().skipped(), done.tools().skipped(), r.batchesNow(), (System.nanoTime() - t0) / 1_000_000);
                List<String> warnings = done.servers().total() + done.tools().total() > 0 ? List.of() : List.of("v1 schema " + s.v1Schema()
                        + " has no servers and no tools: nothing was migrated" + Attention.otherV1Schemas(c, s.v1Schema()).stream()
                        .map(x -> "; mcp_servers also in " + x).reduce("", String::concat));
                return new ExecuteResult(done.runId(), done.resumed(), shape.shape(), r.batchesNow(), done.servers().created(),
                        done.tools().created(), done.servers().skipped(), done.tools().skipped(), placeholders,
                        new JsonOriginals(c, s.targetSchema()).rows(), warnings, (System.nanoTime() - t0) / 1_000_000);
            } finally {
                s.metrics().executing(false);
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                    Sql.queryBool(c, "SELECT pg_advisory_unlock(?)", tables.lockKey());
                } catch (SQLException ignored) {
                    // closing the connection releases the lock anyway
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("execute failed: " + Sql.oneLine(e), e);
        }
    }
}
