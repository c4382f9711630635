package io.sark.migration;

import io.sark.migration.internal.Attention;
import io.sark.migration.internal.DeferredIndexes;
import io.sark.migration.internal.Executor;
import io.sark.migration.internal.MigrationMetrics;
import io.sark.migration.internal.MigrationSettings;
import io.sark.migration.internal.Planner;
import io.sark.migration.internal.Rollback;
import io.sark.migration.internal.RunStore;
import io.sark.migration.internal.ShapeDetector;
import io.sark.migration.internal.Sql;
import io.sark.migration.internal.StateTables;
import io.sark.migration.internal.Validator;
import io.sark.schema.InvalidInputException;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Moves a SARK v1 catalogue ({@code mcp_servers}, {@code mcp_tools}) into the v2 tables ({@code resources},
 * {@code capabilities}) of the same PostgreSQL database, and back.
 *
 * <pre>{@code
 * V1ToV2Migration m = V1ToV2Migration.builder()
 *         .dataSource(ds).v1Schema("public").targetSchema("sark")
 *         .progress(p -> log.info("{} {}/{}", p.phase(), p.done(), p.total()))
 *         .build();
 * PlanResult plan = m.plan();            // dry run: writes nothing
 * if (plan.ready()) {
 *     ExecuteResult done = m.execute();  // batched, resumable, idempotent
 *     ValidationReport report = m.validate(ValidationMode.FULL);
 * }
 * }</pre>
 *
 * <p>Promises:
 * <ul>
 *   <li>the mapping is the reference's (§3) with its defects fixed: nothing is lost (colliding
 *       {@code extra_metadata} keys go under {@value io.sark.migration.internal.Mapping#COLLISION_KEY}, tool timestamps go to
 *       {@code capabilities.created_at/updated_at}), a server with neither command nor endpoint gets the
 *       placeholder endpoint {@value io.sark.migration.internal.Mapping#PLACEHOLDER_ENDPOINT_PREFIX}{@code <id>} and the flag
 *       {@code metadata.v1_migration.placeholder_endpoint}, enum labels are lowercased, an unknown sensitivity
 *       becomes {@value io.sark.migration.internal.Mapping#UNKNOWN_SENSITIVITY_TARGET} with the original label kept in
 *       {@code metadata.v1_migration.sensitivity_level};</li>
 *   <li>{@link #execute()} reads each v1 table in physical order, in batches of {@link Builder#batchSize(int)}
 *       rows taken from windows of heap pages (a Tid Range Scan), each in its own transaction together with its
 *       checkpoint (the next tuple position), so a run killed at any point resumes to exactly the rows of an
 *       uninterrupted run; running it again changes nothing; each row it creates is recorded (provenance) so
 *       {@link #rollback(RollbackOptions)} deletes only those. The v1 tables must not be written during
 *       execute; as a safety net, a table whose row count no longer matches the rows read gets a catch-up pass
 *       over the v1 rows without a v2 row (docs/decisions/007-page-window-batches.md);</li>
 *   <li>{@link #plan()} runs the very same batches in one transaction and rolls it back.</li>
 * </ul>
 * The state lives in tables of the target schema managed by their own Flyway history
 * ({@value #STATE_HISTORY_TABLE}, docs/decisions/005-migration-state-tables.md). Instances are immutable and
 * thread-safe; concurrent {@code execute}/{@code rollback} calls on one target schema are refused with
 * {@link MigrationBusyException}.
 */
public final class V1ToV2Migration {

    /** Default number of v1 rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    /** Default number of sample rows per attention kind and per table in a plan. */
    public static final int DEFAULT_SAMPLE_SIZE = 5;
    /** Flyway location of the state tables. */
    public static final String STATE_LOCATION = StateTables.LOCATION;
    /** Flyway history table of the state tables (in the target schema). */
    public static final String STATE_HISTORY_TABLE = StateTables.HISTORY_TABLE;
    /** Version recorded with each run. */
    public static final String TOOL_VERSION = "sark-migration 2.0.0";

    private final MigrationSettings settings;
    private final StateTables state;

    private V1ToV2Migration(Builder b) {
        BatchHook hook = b.batchHook;
        this.settings = new MigrationSettings(b.dataSource, b.v1Schema, b.targetSchema, b.batchSize, b.clock, b.progress,
                hook == null ? null : (run, phase, batch) -> hook.afterWrite(run, MigrationPhase.parse(phase), batch), b.sampleSize, b.rehearse, b.invalidJson,
                MigrationMetrics.of(b.meterRegistry));
        this.state = settings.state();
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The v1 schema. */
    public String v1Schema() {
        return settings.v1Schema();
    }

    /** The v2 schema. */
    public String targetSchema() {
        return settings.targetSchema();
    }

    /**
     * Called inside each batch's transaction after its rows were written and before the commit (a test and
     * fault-injection hook: throwing aborts the batch, which is rolled back, and fails the run resumably).
     */
    @FunctionalInterface
    public interface BatchHook {
        void afterWrite(long runId, MigrationPhase phase, int batchNo) throws Exception;
    }

    /** Inspects the v1 schema and tells which v1 shape it has. Read-only. */
    public ShapeDetection detectShape() {
        try (Connection c = settings.dataSource().getConnection()) {
            return detectShape(c, settings.v1Schema());
        } catch (SQLException e) {
            throw new MigrationException("cannot inspect v1 schema " + settings.v1Schema() + ": " + e.getMessage(), e);
        }
    }

    /** Shape detection of {@code schema} on an open connection. Read-only. */
    public static ShapeDetection detectShape(Connection c, String schema) throws SQLException {
        return ShapeDetector.detect(c, schema);
    }

    /** Creates or upgrades the migration state tables in the target schema (idempotent). */
    public void installState() {
        state.install(settings.dataSource());
    }

    /**
     * The dry run: counts, rows needing attention, sample mapped rows, and a rehearsal of the real batches in
     * one transaction that is rolled back. Writes nothing.
     */
    public PlanResult plan() {
        return new Planner(settings, TOOL_VERSION).plan();
    }

    /**
     * Moves the v1 rows that are not yet in v2, in batches, resuming an interrupted run if there is one.
     * Idempotent: when everything is migrated it creates a run that creates nothing.
     *
     * @throws MigrationBusyException if another execute/rollback runs on the target schema
     * @throws MigrationException     if a batch fails (the run is marked failed and resumes on the next call)
     */
    public ExecuteResult execute() {
        return new Executor(settings, TOOL_VERSION).run(detectShape());
    }

    /** Runs the checks of {@code mode}; see {@link ValidationReport#exitCode()}. Read-only. */
    public ValidationReport validate(ValidationMode mode) {
        Instant start = settings.clock().instant();
        String v1Schema = settings.v1Schema();
        try (Connection c = settings.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
            if (mode != ValidationMode.SCHEMA && mode != ValidationMode.QUICK && detectShape(c, v1Schema).shape() == SourceShape.ABSENT) {
                throw new V1SchemaNotFoundException(v1Schema, Attention.otherV1Schemas(c, v1Schema));
            }
            List<ValidationReport.Issue> issues = new Validator(settings.dataSource(), c, v1Schema, settings.targetSchema(),
                    settings.batchSize()).run(mode);
            c.rollback();
            return new ValidationReport(mode, start, settings.clock().instant(), issues);
        } catch (SQLException e) {
            throw new MigrationException("validate failed: " + Sql.oneLine(e), e);
        }
    }

    /**
     * Deletes the rows migration runs created (all runs, or one), in one transaction. v1 tables are not touched;
     * rows created natively stay. Refused (nothing changed, {@link RollbackResult#refused()}) when cost or audit
     * rows reference migrated rows, or native capabilities hang under migrated resources, unless
     * {@code force}. Idempotent.
     */
    public RollbackResult rollback(RollbackOptions options) {
        return new Rollback(settings).run(options);
    }

    /** Every run with its state, batches, rows and timings. Read-only. */
    public StatusResult status() {
        try (Connection c = settings.dataSource().getConnection()) {
            if (!state.installed(c)) {
                return new StatusResult(settings.targetSchema(), false, 0, 0, List.of(), 0);
            }
            RunStore runs = new RunStore(state);
            return new StatusResult(settings.targetSchema(), true, runs.migrated(c, StateTables.KIND_RESOURCE),
                    runs.migrated(c, StateTables.KIND_CAPABILITY), runs.runs(c),
                    new DeferredIndexes(state, settings.targetSchema()).recorded(c));
        } catch (SQLException e) {
            throw new MigrationException("status failed: " + Sql.oneLine(e), e);
        }
    }

    /** Configuration of a {@link V1ToV2Migration}. */
    public static final class Builder {
        private DataSource dataSource;
        private String v1Schema = "public";
        private String targetSchema = SarkSchema.DEFAULT_SCHEMA;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Clock clock = Clock.systemUTC();
        private Progress.Listener progress;
        private BatchHook batchHook;
        private int sampleSize = DEFAULT_SAMPLE_SIZE;
        private boolean rehearse = true;
        private InvalidJson invalidJson = InvalidJson.ESCAPE;
        private Object meterRegistry;

        private Builder() {
        }

        /**
         * A Micrometer {@code io.micrometer.core.instrument.MeterRegistry} (typed {@code Object} so that the engine needs
         * no Micrometer when it is not used) for the rows, batches and runs of {@link V1ToV2Migration#execute()}
         * (docs/spring.md); null (the default) for none.
         *
         * @throws IllegalArgumentException if it is not a Micrometer {@code MeterRegistry}
         */
        public Builder meterRegistry(Object meterRegistry) {
            if (meterRegistry != null) {
                MigrationMetrics.of(meterRegistry); // checks the type
            }
            this.meterRegistry = meterRegistry;
            return this;
        }

        /** Connections to the database holding both the v1 and the v2 tables; required. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Schema of the v1 tables (default {@code public}). */
        public Builder v1Schema(String v1Schema) {
            this.v1Schema = v1Schema;
            return this;
        }

        /** Schema of the v2 tables and of the migration state (default {@code sark}). */
        public Builder targetSchema(String targetSchema) {
            this.targetSchema = targetSchema;
            return this;
        }

        /**
         * v1 rows per batch (default {@value V1ToV2Migration#DEFAULT_BATCH_SIZE}, 1..1,000,000): each batch reads a
         * window of heap pages sized to hold about this many rows and migrates at most this many of them, in
         * physical order; fewer at the end of a table or where pages are sparse (after mass deletes).
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Clock for run and batch timestamps (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Progress callback of execute, after each committed batch. */
        public Builder progress(Progress.Listener progress) {
            this.progress = progress;
            return this;
        }

        /** Hook inside each batch transaction (tests, fault injection). */
        public Builder batchHook(BatchHook batchHook) {
            this.batchHook = batchHook;
            return this;
        }

        /** Rows per sample in plan (default {@value V1ToV2Migration#DEFAULT_SAMPLE_SIZE}). */
        public Builder sampleSize(int sampleSize) {
            this.sampleSize = sampleSize;
            return this;
        }

        /** Whether plan rehearses the movement in a rolled-back transaction (default true). */
        public Builder rehearse(boolean rehearse) {
            this.rehearse = rehearse;
            return this;
        }

        /** What execute does with v1 JSON that jsonb cannot hold as it is (default {@link InvalidJson#ESCAPE}, lossless). */
        public Builder invalidJson(InvalidJson invalidJson) {
            this.invalidJson = Objects.requireNonNull(invalidJson, "invalidJson");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if no data source was given (a programming error)
         * @throws InvalidInputException     naming the invalid setting ({@code v1Schema}, {@code targetSchema},
         *                                   {@code batchSize}, {@code sampleSize})
         */
        public V1ToV2Migration build() {
            if (dataSource == null) {
                throw new IllegalArgumentException("dataSource is required");
            }
            if (!SchemaNames.isValid(v1Schema)) {
                throw new InvalidInputException("v1Schema", "must be a lowercase identifier, got: " + v1Schema);
            }
            if (!SchemaNames.isValid(targetSchema)) {
                throw new InvalidInputException("targetSchema", "must be a lowercase identifier, got: " + targetSchema);
            }
            if (batchSize < 1 || batchSize > 1_000_000) {
                throw new InvalidInputException("batchSize", "must be in 1..1000000, got: " + batchSize);
            }
            if (sampleSize < 0 || sampleSize > 1000) {
                throw new InvalidInputException("sampleSize", "must be in 0..1000, got: " + sampleSize);
            }
            Objects.requireNonNull(clock, "clock");
            return new V1ToV2Migration(this);
        }
    }
}
