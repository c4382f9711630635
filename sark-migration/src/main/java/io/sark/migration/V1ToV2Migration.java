package io.sark.migration;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.internal.Attention;
import io.sark.migration.internal.JsonOriginals;
import io.sark.migration.internal.JsonScanner;
import io.sark.migration.internal.Mapping;
import io.sark.migration.internal.RollbackScope;
import io.sark.migration.internal.Sql;
import io.sark.migration.internal.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import io.sark.schema.LibraryDefaults;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       {@code extra_metadata} keys go under {@value Mapping#COLLISION_KEY}, tool timestamps go to
 *       {@code capabilities.created_at/updated_at}), a server with neither command nor endpoint gets the
 *       placeholder endpoint {@value Mapping#PLACEHOLDER_ENDPOINT_PREFIX}{@code <id>} and the flag
 *       {@code metadata.v1_migration.placeholder_endpoint}, enum labels are lowercased, an unknown sensitivity
 *       becomes {@value Mapping#UNKNOWN_SENSITIVITY_TARGET} with the original label kept in
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

    /** The operator's trail: run start, resume, batches, finish, failure. */
    private static final Logger LOG = LoggerFactory.getLogger(V1ToV2Migration.class);

    /** Default number of v1 rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    /** Default number of sample rows per attention kind and per table in a plan. */
    public static final int DEFAULT_SAMPLE_SIZE = 5;
    /** Flyway location of the state tables. */
    public static final String STATE_LOCATION = "classpath:io/sark/migration/state";
    /** Flyway history table of the state tables (in the target schema). */
    public static final String STATE_HISTORY_TABLE = "sark_migration_history";
    /** Version recorded with each run. */
    public static final String TOOL_VERSION = "sark-migration 2.0.0";
    /** Provenance kinds in {@code sark_migration_rows}. */
    static final int KIND_RESOURCE = 1;
    static final int KIND_CAPABILITY = 2;

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String v1Schema;
    private final String targetSchema;
    private final int batchSize;
    private final Clock clock;
    private final Progress.Listener progress;
    private final BatchHook batchHook;
    private final int sampleSize;
    private final boolean rehearse;
    private final InvalidJson invalidJson;

    private V1ToV2Migration(Builder b) {
        this.dataSource = b.dataSource;
        this.v1Schema = b.v1Schema;
        this.targetSchema = b.targetSchema;
        this.batchSize = b.batchSize;
        this.clock = b.clock;
        this.progress = b.progress;
        this.batchHook = b.batchHook;
        this.sampleSize = b.sampleSize;
        this.rehearse = b.rehearse;
        this.invalidJson = b.invalidJson;
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The v1 schema. */
    public String v1Schema() {
        return v1Schema;
    }

    /** The v2 schema. */
    public String targetSchema() {
        return targetSchema;
    }

    /**
     * Called inside each batch's transaction after its rows were written and before the commit (a test and
     * fault-injection hook: throwing aborts the batch, which is rolled back, and fails the run resumably).
     */
    @FunctionalInterface
    public interface BatchHook {
        void afterWrite(long runId, String phase, int batchNo) throws Exception;
    }

    // ---------------------------------------------------------------------------------------------- shape

    /** Inspects the v1 schema and tells which v1 shape it has. Read-only. */
    public ShapeDetection detectShape() {
        try (Connection c = dataSource.getConnection()) {
            return detectShape(c, v1Schema);
        } catch (SQLException e) {
            throw new MigrationException("cannot inspect v1 schema " + v1Schema + ": " + e.getMessage(), e);
        }
    }

    /** Shape detection on an open connection. */
    public static ShapeDetection detectShape(Connection c, String schema) throws SQLException {
        List<String> evidence = new ArrayList<>();
        String alembic = Sql.tableExists(c, schema, "alembic_version")
                ? Sql.queryString(c, "SELECT string_agg(version_num, ',') FROM " + q(schema) + ".alembic_version") : null;
        if (alembic != null) {
            evidence.add("alembic_version is " + alembic);
        }
        if (!Sql.tableExists(c, schema, "mcp_servers") || !Sql.tableExists(c, schema, "mcp_tools")) {
            evidence.add("no mcp_servers/mcp_tools tables in schema " + schema);
            return new ShapeDetection(schema, SourceShape.ABSENT, null, false, false, false, alembic, evidence);
        }
        String params = Sql.columnExists(c, schema, "mcp_tools", "parameters_schema") ? "parameters_schema"
                : Sql.columnExists(c, schema, "mcp_tools", "parameters") ? "parameters" : null;
        evidence.add(params == null ? "mcp_tools has neither parameters_schema nor parameters" : "mcp_tools." + params + " present");
        boolean usage = Sql.columnExists(c, schema, "mcp_tools", "invocation_count")
                && Sql.columnExists(c, schema, "mcp_tools", "last_invoked");
        evidence.add(usage ? "mcp_tools has invocation_count and last_invoked" : "mcp_tools has no usage columns");
        String extraType = Sql.columnType(c, schema, "mcp_servers", "extra_metadata");
        boolean json = "json".equals(extraType);
        evidence.add("mcp_servers.extra_metadata is " + extraType);
        String labels = Sql.queryString(c, "SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e "
                + "JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE n.nspname = ? AND t.typname = 'transporttype'", schema);
        boolean upper = labels != null && labels.equals(labels.toUpperCase(java.util.Locale.ROOT));
        evidence.add("transporttype labels: " + labels);
        SourceShape shape;
        if ("parameters_schema".equals(params) && !usage && !json && !upper) {
            shape = SourceShape.MIGRATION;
        } else if ("parameters".equals(params) && usage && json && upper) {
            shape = SourceShape.ORM;
        } else {
            shape = SourceShape.HYBRID;
        }
        return new ShapeDetection(schema, shape, params, usage, upper, json, alembic, evidence);
    }

    // ---------------------------------------------------------------------------------------------- state

    /** Creates or upgrades the migration state tables in the target schema (idempotent). */
    public void installState() {
        try {
            LibraryDefaults.flyway(Flyway.configure(V1ToV2Migration.class.getClassLoader()))
                    .dataSource(dataSource)
                    .locations(STATE_LOCATION)
                    .schemas(targetSchema)
                    .defaultSchema(targetSchema)
                    .createSchemas(false)
                    .table(STATE_HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .placeholderReplacement(false)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new MigrationException("cannot install migration state in schema " + targetSchema + ": " + e.getMessage(), e);
        }
    }

    private boolean stateInstalled(Connection c) throws SQLException {
        return Sql.tableExists(c, targetSchema, "sark_migration_rows") && Sql.tableExists(c, targetSchema, "sark_migration_runs");
    }

    /** Whether the state tables have the page-window columns (state migration V2). */
    private boolean pageWindowStateInstalled(Connection c) throws SQLException {
        return Sql.columnExists(c, targetSchema, "sark_migration_runs", "next_tool_tid");
    }

    /** The state migrations in order (what {@link #installState()} applies), for the plan's rehearsal. */
    static final List<String> STATE_SCRIPTS = List.of("V1__migration_state.sql", "V2__page_window_checkpoint.sql", "V3__json_originals.sql");

    static String stateScript(String name) {
        try (InputStream in = V1ToV2Migration.class.getResourceAsStream("/io/sark/migration/state/" + name)) {
            return new String(Objects.requireNonNull(in, "state script " + name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String t(String table) {
        return q(targetSchema) + "." + q(table);
    }

    private void requireV2Tables(Connection c) throws SQLException {
        if (!Sql.tableExists(c, targetSchema, "resources") || !Sql.tableExists(c, targetSchema, "capabilities")) {
            throw new MigrationException("schema " + targetSchema + " has no resources/capabilities tables; "
                    + "run 'schema migrate' (new schema) or 'schema adopt' (v1 database in place) first");
        }
    }

    private long lockKey() {
        long h = 0x5A4B_0001_0000_0000L;
        for (char ch : ("sark-migration:" + targetSchema).toCharArray()) {
            h = 31 * h + ch;
        }
        return h;
    }

    // ---------------------------------------------------------------------------------------------- plan

    /**
     * The dry run: counts, rows needing attention, sample mapped rows, and a rehearsal of the real batches in
     * one transaction that is rolled back. Writes nothing.
     */
    public PlanResult plan() {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
            ShapeDetection shape = detectShape(c, v1Schema);
            List<String> problems = new ArrayList<>();
            Map<String, Long> v1Counts = new LinkedHashMap<>();
            Map<String, Long> v2Counts = new LinkedHashMap<>();
            Map<String, Long> toMigrate = new LinkedHashMap<>();
            List<AttentionGroup> attention = new ArrayList<>();
            Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();
            for (String table : List.of("mcp_servers", "mcp_tools", "users", "teams", "user_teams", "api_keys", "policies",
                    "policy_versions", "audit_events", "gateway_audit_events")) {
                if (Sql.tableExists(c, v1Schema, table)) {
                    v1Counts.put(table, Sql.queryLong(c, "SELECT count(*) FROM " + q(v1Schema) + "." + q(table)));
                }
            }
            boolean v2 = Sql.tableExists(c, targetSchema, "resources") && Sql.tableExists(c, targetSchema, "capabilities");
            boolean state = stateInstalled(c);
            if (shape.shape() == SourceShape.ABSENT) {
                throw new V1SchemaNotFoundException(v1Schema, Attention.otherV1Schemas(c, v1Schema));
            } else if (shape.parametersColumn() == null) {
                attention.add(new AttentionGroup("NO_PARAMETERS_COLUMN", Severity.WARNING, "mcp_tools",
                        "mcp_tools has no parameters column: every input_schema becomes {}", 1, List.of()));
            }
            if (!v2) {
                problems.add("schema " + targetSchema + " has no resources/capabilities tables; run 'schema migrate' or 'schema adopt'");
            } else {
                v2Counts.put("resources", Sql.queryLong(c, "SELECT count(*) FROM " + t("resources")));
                v2Counts.put("resources_mcp", Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " WHERE protocol = 'mcp'"));
                v2Counts.put("capabilities", Sql.queryLong(c, "SELECT count(*) FROM " + t("capabilities")));
                v2Counts.put("migrated_resources", state ? Sql.queryLong(c, "SELECT count(*) FROM " + t("sark_migration_rows") + " WHERE kind = 1") : 0);
                v2Counts.put("migrated_capabilities", state ? Sql.queryLong(c, "SELECT count(*) FROM " + t("sark_migration_rows") + " WHERE kind = 2") : 0);
            }
            if (shape.shape() != SourceShape.ABSENT && v2) {
                Mapping m = new Mapping(v1Schema, shape, JsonScanner.jsonColumns(c, v1Schema));
                toMigrate.put("resources", Sql.queryLong(c, "SELECT count(*) FROM " + q(v1Schema) + ".mcp_servers s WHERE NOT EXISTS "
                        + "(SELECT 1 FROM " + t("resources") + " r WHERE r.id = s.id::text)"));
                toMigrate.put("capabilities", Sql.queryLong(c, "SELECT count(*) FROM " + q(v1Schema) + ".mcp_tools s WHERE NOT EXISTS "
                        + "(SELECT 1 FROM " + t("capabilities") + " r WHERE r.id = s.id::text)"));
                attention.addAll(new Attention(c, v1Schema, targetSchema, shape, m, state, sampleSize).groups(invalidJson));
                samples.put("resources", strip(Sql.queryMaps(c, m.serversSelect(null, "ORDER BY s.id LIMIT " + sampleSize))));
                samples.put("capabilities", strip(Sql.queryMaps(c, m.toolsSelect(null, "ORDER BY t.id LIMIT " + sampleSize))));
                if (v1Counts.getOrDefault("mcp_servers", 0L) == 0) {
                    List<String> elsewhere = Attention.otherV1Schemas(c, v1Schema);
                    if (!elsewhere.isEmpty()) {
                        attention.add(new AttentionGroup("V1_SCHEMA_EMPTY", Severity.WARNING, "mcp_servers",
                                "schema " + v1Schema + " has no servers, but mcp_servers also exists in " + elsewhere
                                        + " (did you mean --v1-schema?)", 0, List.of()));
                    }
                }
            }
            c.rollback();
            attention.stream().filter(a -> a.severity() == Severity.ERROR)
                    .forEach(a -> problems.add(a.kind() + ": " + a.count() + " " + a.table() + " rows: " + a.description()));
            PlanResult.Rehearsal rehearsal = new PlanResult.Rehearsal(false, false, 0, 0, 0, null);
            if (problems.isEmpty() && rehearse) {
                rehearsal = rehearse(shape);
                if (!rehearsal.succeeded()) {
                    problems.add("rehearsal failed: " + rehearsal.error());
                }
            }
            return new PlanResult(v1Schema, targetSchema, shape, v1Counts, v2Counts, toMigrate, attention, samples, rehearsal,
                    problems, (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            throw new MigrationException("plan failed: " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> strip(List<Map<String, Object>> rows) {
        rows.forEach(r -> r.remove("v1_id"));
        return rows;
    }

    private PlanResult.Rehearsal rehearse(ShapeDetection shape) {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!Sql.queryBool(c, "SELECT pg_try_advisory_xact_lock(?)", lockKey())) {
                    return new PlanResult.Rehearsal(false, false, 0, 0, 0, "an execute or rollback is running on " + targetSchema);
                }
                // the state DDL runs inside the transaction rolled back below: plan never creates or upgrades it
                int installed = !stateInstalled(c) ? 0 : !pageWindowStateInstalled(c) ? 1 : !new JsonOriginals(c, targetSchema).installed() ? 2 : 3;
                List<String> missing = STATE_SCRIPTS.subList(installed, STATE_SCRIPTS.size());
                if (!missing.isEmpty()) {
                    Sql.exec(c, "SET LOCAL search_path TO " + q(targetSchema));
                    for (String script : missing) {
                        Sql.exec(c, stateScript(script));
                    }
                }
                Runner r = new Runner(c, shape, true);
                r.run();
                return new PlanResult.Rehearsal(true, true, r.resourcesCreatedNow, r.capabilitiesCreatedNow,
                        (System.nanoTime() - t0) / 1_000_000, null);
            } catch (Exception e) {
                return new PlanResult.Rehearsal(true, false, 0, 0, (System.nanoTime() - t0) / 1_000_000, oneLine(e));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            return new PlanResult.Rehearsal(false, false, 0, 0, 0, oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    // ---------------------------------------------------------------------------------------------- execute

    /**
     * Moves the v1 rows that are not yet in v2, in batches, resuming an interrupted run if there is one.
     * Idempotent: when everything is migrated it creates a run that creates nothing.
     *
     * @throws MigrationBusyException if another execute/rollback runs on the target schema
     * @throws MigrationException     if a batch fails (the run is marked failed and resumes on the next call)
     */
    public ExecuteResult execute() {
        long t0 = System.nanoTime();
        ShapeDetection shape = detectShape();
        try (Connection c = dataSource.getConnection()) {
            if (shape.shape() == SourceShape.ABSENT) {
                throw new V1SchemaNotFoundException(v1Schema, Attention.otherV1Schemas(c, v1Schema));
            }
            requireV2Tables(c);
            installState();
            if (!Sql.queryBool(c, "SELECT pg_try_advisory_lock(?)", lockKey())) {
                throw new MigrationBusyException("another migration execute or rollback is running on schema " + targetSchema);
            }
            try {
                c.setAutoCommit(false);
                Runner r = new Runner(c, shape, false);
                LOG.info("migration execute: v1 schema {} ({} shape) -> schema {}, batch size {}", v1Schema, shape.shape(), targetSchema, batchSize);
                try {
                    r.run();
                } catch (Exception e) {
                    LOG.warn("migration run {} failed in {} batch {} (resume with execute): {}", r.runId, r.phase, r.batchesDone + 1, oneLine(e));
                    c.rollback();
                    if (r.runId > 0) {
                        Sql.update(c, "UPDATE " + t("sark_migration_runs") + " SET state = 'failed', error = ?, updated_at = ? WHERE id = ?",
                                oneLine(e), Timestamp.from(clock.instant()), r.runId);
                        c.commit();
                    }
                    throw new MigrationException("migration run " + r.runId + " failed in " + r.phase + " batch " + (r.batchesDone + 1)
                            + " (resume with execute): " + oneLine(e), e);
                }
                long placeholders = Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " r JOIN " + t("sark_migration_rows")
                        + " p ON p.kind = 1 AND r.id = p.id::text WHERE p.run_id = ? AND r.endpoint LIKE ?", r.runId,
                        Mapping.PLACEHOLDER_ENDPOINT_PREFIX + "%");
                c.commit();
                LOG.info("migration run {} completed{}: {} resources and {} capabilities created, {}/{} already present or skipped, "
                        + "{} batches in {} ms", r.runId, r.resumed ? " (resumed)" : "", r.resourcesCreated, r.capabilitiesCreated,
                        r.resourcesSkipped, r.capabilitiesSkipped, r.batchesNow, (System.nanoTime() - t0) / 1_000_000);
                List<String> warnings = r.serversTotal + r.toolsTotal > 0 ? List.of() : List.of("v1 schema " + v1Schema
                        + " has no servers and no tools: nothing was migrated" + Attention.otherV1Schemas(c, v1Schema).stream()
                        .map(x -> "; mcp_servers also in " + x).reduce("", String::concat));
                return new ExecuteResult(r.runId, r.resumed, "completed", shape.shape(), r.batchesNow, r.resourcesCreated,
                        r.capabilitiesCreated, r.resourcesSkipped, r.capabilitiesSkipped, placeholders,
                        new JsonOriginals(c, targetSchema).rows(), warnings, (System.nanoTime() - t0) / 1_000_000);
            } finally {
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                    Sql.queryBool(c, "SELECT pg_advisory_unlock(?)", lockKey());
                } catch (SQLException ignored) {
                    // closing the connection releases the lock anyway
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("execute failed: " + oneLine(e), e);
        }
    }

    /**
     * One batch: the mapped rows of {@code select} inserted (existing ids skipped), their provenance, and what was
     * read: rows, rows created, first and last key ({@code tid} text for page batches, else uuid text). Parameters:
     * run id, batch number.
     *
     * <p>With {@code windowKeys} (page batches: {@link #pageWindowKeys}) the mapped rows stream straight into the
     * INSERT and the count and first/last tid come from a second, tid-only read of the same window (same
     * snapshot, pages already in cache); without it (keyset batches) the mapped rows are materialized once and
     * counted from there.
     */
    String batchStatement(boolean servers, String select, String windowKeys) {
        return batchStatement(servers, select, windowKeys, null);
    }

    /** {@link #batchStatement(boolean, String, String)} inserting only the mapped rows that pass {@code filter} (on {@code src}). */
    String batchStatement(boolean servers, String select, String windowKeys, String filter) {
        String only = filter == null ? " " : " WHERE " + filter + " ";
        String table = servers ? t("resources") : t("capabilities");
        String cols = servers ? Mapping.RESOURCE_COLUMNS : Mapping.CAPABILITY_COLUMNS;
        int kind = servers ? KIND_RESOURCE : KIND_CAPABILITY;
        String prov = "prov AS (INSERT INTO " + t("sark_migration_rows") + " (kind, id, run_id, batch_no) SELECT " + kind
                + ", id::uuid, ?, ? FROM ins ON CONFLICT (kind, id) DO UPDATE SET run_id = EXCLUDED.run_id, "
                + "batch_no = EXCLUDED.batch_no RETURNING 1) ";
        if (windowKeys != null) {
            return "WITH ins AS (INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM (" + select + ") src" + only
                    + "ON CONFLICT (id) DO NOTHING RETURNING id), " + prov
                    + "SELECT k.n, (SELECT count(*) FROM prov), k.lo, k.hi FROM (" + windowKeys + ") k";
        }
        // uuid has no min/max: keyset batches sort the materialized rows for their first and last id
        String keys = "SELECT count(*) AS n, (SELECT v1_id FROM src ORDER BY v1_id LIMIT 1)::text AS lo, "
                + "(SELECT v1_id FROM src ORDER BY v1_id DESC LIMIT 1)::text AS hi FROM src";
        return "WITH src AS MATERIALIZED (" + select + "), "
                + "ins AS (INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM src" + only + "ON CONFLICT (id) DO NOTHING RETURNING id), "
                + prov + "SELECT k.n, (SELECT count(*) FROM prov), k.lo, k.hi FROM (" + keys + ") k";
    }

    /** A heap tuple position ({@code tid}): page (block number) and line pointer offset. */
    record Tid(long page, int offset) {
        static final Tid START = new Tid(0, 0);

        static Tid parse(String text) {
            String[] parts = text.substring(1, text.length() - 1).split(",");
            return new Tid(Long.parseLong(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }

        /** The position right after this one (the next line pointer of the same page). */
        Tid next() {
            return new Tid(page, offset + 1);
        }

        /** A {@code tid} literal (numbers only, safe to inline). */
        String literal() {
            return "'" + this + "'::tid";
        }

        @Override
        public String toString() {
            return "(" + page + "," + offset + ")";
        }
    }

    /**
     * Heap pages a window must span to hold about {@code batchSize} rows of a table with {@code rows} rows on
     * {@code pages} pages (at least 1; a window also gets one page of slack, see {@link Runner}).
     */
    static int pagesPerBatch(int batchSize, long rows, long pages) {
        if (pages <= 0) {
            return 1;
        }
        long ppb = rows <= 0 ? pages : (batchSize * pages + rows - 1) / rows;
        return (int) Math.max(1, Math.min(ppb, Math.min(pages, Integer.MAX_VALUE)));
    }

    /**
     * The statement of one page batch of {@code mcp_servers} or {@code mcp_tools}: the mapped
     * rows of the v1 tuples in {@code [from, (toPage,0))}, first {@code limit} in physical order.
     */
    /** Count, first and last tid of the tuples {@link #pageWindowSelect} reads, from the tids alone. */
    static String pageWindowKeys(Mapping mapping, boolean servers, Tid from, long toPage, int limit) {
        String a = servers ? "s" : "t";
        return "SELECT count(*) AS n, min(w.tid)::text AS lo, max(w.tid)::text AS hi FROM (SELECT " + a + ".ctid AS tid FROM "
                + q(mapping.v1Schema()) + (servers ? ".mcp_servers s" : ".mcp_tools t") + " WHERE " + window(a, from, toPage)
                + " ORDER BY " + a + ".ctid LIMIT " + limit + ") w";
    }

    private static String window(String alias, Tid from, long toPage) {
        return alias + ".ctid >= " + from.literal() + " AND " + alias + ".ctid < " + new Tid(toPage, 0).literal();
    }

    static String pageWindowSelect(Mapping mapping, boolean servers, Tid from, long toPage, int limit) {
        String a = servers ? "s" : "t";
        String where = window(a, from, toPage);
        String tail = "ORDER BY " + a + ".ctid LIMIT " + limit;
        String extra = ", " + a + ".ctid AS v1_tid";
        return servers ? mapping.serversSelect(where, tail, extra) : mapping.toolsSelect(where, tail, extra);
    }

    /**
     * The batch loop, shared by execute (commit per batch) and the plan's rehearsal (never commits).
     *
     * <p>Each phase (servers, then tools) is a <em>page pass</em>: windows of heap pages read in physical order
     * ({@code ctid} range, a Tid Range Scan), at most {@code batchSize} rows per batch, the checkpoint being the
     * next tuple position. The pass covers the pages the table had when the run started. When it ends, the rows
     * read by the phase (over all attempts) are compared with the rows the v1 table has now; if they differ
     * (v1 was written between attempts), a <em>catch-up pass</em> migrates every v1 row without its v2 row
     * (keyset over id, checkpoint {@code last_*_id}). Runs started by a version without page windows
     * ({@code *_pages_per_batch} NULL) resume with keyset batches.
     */
    private final class Runner {
        final Connection c;
        final ShapeDetection shape;
        final boolean rehearsal;
        final Mapping mapping;
        long runId;
        boolean resumed;
        String phase = "resources";
        /** page windows (0: a keyset run started before V2 of the state tables) */
        int serverPages;
        int toolPages;
        long serverEnd;
        long toolEnd;
        Tid nextServer = Tid.START;
        Tid nextTool = Tid.START;
        /** keyset checkpoints: keyset runs, and the catch-up pass */
        UUID lastServer;
        UUID lastTool;
        boolean catchUp;
        int batchesDone;
        int batchesNow;
        long serversTotal;
        long toolsTotal;
        long resourcesCreated;
        long capabilitiesCreated;
        long resourcesSkipped;
        long capabilitiesSkipped;
        long resourcesCreatedNow;
        long capabilitiesCreatedNow;
        long started = System.nanoTime();

        /** rows recorded as skipped (InvalidJson.SKIP): the batches leave them out */
        boolean skipsJson;

        Runner(Connection c, ShapeDetection shape, boolean rehearsal) throws SQLException {
            this.c = c;
            this.shape = shape;
            this.rehearsal = rehearsal;
            this.mapping = new Mapping(v1Schema, shape, JsonScanner.jsonColumns(c, v1Schema));
        }

        void run() throws Exception {
            Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
            startOrResume();
            skipsJson = new JsonOriginals(c, targetSchema).record(v1Schema, runId, invalidJson, clock.instant()) > 0;
            commit();
            while (!"done".equals(phase)) {
                Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
                batch();
                commit();
            }
        }

        private void commit() throws SQLException {
            if (!rehearsal) {
                c.commit();
            }
        }

        private String v1(String table) {
            return q(v1Schema) + "." + q(table);
        }

        private void startOrResume() throws SQLException {
            Instant now = clock.instant();
            List<Map<String, Object>> open = Sql.queryMaps(c, "SELECT id, phase, last_server_id, last_tool_id, batches_done, "
                    + "resources_created, capabilities_created, resources_skipped, capabilities_skipped, servers_total, tools_total, "
                    + "server_pages_per_batch, tool_pages_per_batch, server_end_page, tool_end_page, next_server_tid::text AS next_server_tid, "
                    + "next_tool_tid::text AS next_tool_tid, catch_up, invalid_json "
                    + "FROM " + t("sark_migration_runs") + " WHERE state IN ('running', 'failed') AND v1_schema = ? ORDER BY id DESC LIMIT 1 FOR UPDATE",
                    v1Schema);
            if (!open.isEmpty()) {
                Map<String, Object> r = open.get(0);
                runId = ((Number) r.get("id")).longValue();
                if (!invalidJson.name().equalsIgnoreCase((String) r.get("invalid_json"))) {
                    throw new MigrationException("run " + runId + " was started with --invalid-json=" + r.get("invalid_json")
                            + ": resume it with the same rule (a later run can use another)");
                }
                resumed = true;
                phase = (String) r.get("phase");
                lastServer = r.get("last_server_id") == null ? null : UUID.fromString((String) r.get("last_server_id"));
                lastTool = r.get("last_tool_id") == null ? null : UUID.fromString((String) r.get("last_tool_id"));
                batchesDone = ((Number) r.get("batches_done")).intValue();
                resourcesCreated = ((Number) r.get("resources_created")).longValue();
                capabilitiesCreated = ((Number) r.get("capabilities_created")).longValue();
                resourcesSkipped = ((Number) r.get("resources_skipped")).longValue();
                capabilitiesSkipped = ((Number) r.get("capabilities_skipped")).longValue();
                serversTotal = ((Number) r.get("servers_total")).longValue();
                toolsTotal = ((Number) r.get("tools_total")).longValue();
                if (r.get("server_pages_per_batch") != null) {
                    serverPages = ((Number) r.get("server_pages_per_batch")).intValue();
                    toolPages = ((Number) r.get("tool_pages_per_batch")).intValue();
                    serverEnd = ((Number) r.get("server_end_page")).longValue();
                    toolEnd = ((Number) r.get("tool_end_page")).longValue();
                    nextServer = Tid.parse((String) r.get("next_server_tid"));
                    nextTool = Tid.parse((String) r.get("next_tool_tid"));
                }
                catchUp = Boolean.TRUE.equals(r.get("catch_up"));
                Sql.update(c, "UPDATE " + t("sark_migration_runs") + " SET state = 'running', attempts = attempts + 1, error = NULL, "
                        + "updated_at = ? WHERE id = ?", Timestamp.from(now), runId);
                if (!rehearsal) {
                    LOG.info("migration run {} resumed in phase {} after {} batches", runId, phase, batchesDone);
                }
                return;
            }
            serversTotal = Sql.queryLong(c, "SELECT count(*) FROM " + v1("mcp_servers"));
            toolsTotal = Sql.queryLong(c, "SELECT count(*) FROM " + v1("mcp_tools"));
            serverEnd = pages("mcp_servers");
            toolEnd = pages("mcp_tools");
            serverPages = pagesPerBatch(batchSize, serversTotal, serverEnd);
            toolPages = pagesPerBatch(batchSize, toolsTotal, toolEnd);
            runId = Sql.queryLong(c, "INSERT INTO " + t("sark_migration_runs") + " (state, phase, v1_schema, shape, batch_size, "
                    + "servers_total, tools_total, started_at, updated_at, tool_version, server_pages_per_batch, tool_pages_per_batch, "
                    + "server_end_page, tool_end_page, next_server_tid, next_tool_tid, invalid_json) "
                    + "VALUES ('running', 'resources', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::tid, ?::tid, ?) RETURNING id",
                    v1Schema, shape.shape().name(), batchSize, serversTotal, toolsTotal, Timestamp.from(now), Timestamp.from(now),
                    TOOL_VERSION, serverPages, toolPages, serverEnd, toolEnd, nextServer.toString(), nextTool.toString(),
                    invalidJson.name().toLowerCase(java.util.Locale.ROOT));
            if (!rehearsal) {
                LOG.info("migration run {} started: {} v1 servers, {} v1 tools", runId, serversTotal, toolsTotal);
            }
        }

        /** Heap pages of a v1 table now (its size over the block size). */
        private long pages(String table) throws SQLException {
            return Sql.queryLong(c, "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint", v1(table));
        }

        /** What one batch statement read: rows, rows created, first and last key (tid or uuid text). */
        private record Read(long rows, long created, String first, String last) {
        }

        private void batch() throws Exception {
            boolean servers = "resources".equals(phase);
            Instant batchStart = clock.instant();
            int batchNo = batchesDone + 1;
            boolean pagePass = (servers ? serverPages : toolPages) > 0 && !catchUp;
            Read read;
            boolean passDone;
            String pass;
            if (pagePass) {
                pass = "pages";
                Tid from = servers ? nextServer : nextTool;
                long end = servers ? serverEnd : toolEnd;
                // one page of slack: a window that starts in the middle of a page still holds about batchSize rows
                long to = Math.min(end, from.page() + (servers ? serverPages : toolPages) + 1);
                read = write(servers, pageWindowSelect(mapping, servers, from, to, batchSize),
                        pageWindowKeys(mapping, servers, from, to, batchSize), batchNo);
                Tid next = read.rows() == batchSize ? Tid.parse(read.last()).next() : new Tid(to, 0);
                passDone = read.rows() < batchSize && to >= end;
                if (servers) {
                    nextServer = next;
                } else {
                    nextTool = next;
                }
            } else {
                pass = catchUp ? "catch_up" : "keys";
                UUID last = servers ? lastServer : lastTool;
                String a = servers ? "s" : "t";
                List<String> where = new ArrayList<>();
                if (catchUp) {
                    where.add("NOT EXISTS (SELECT 1 FROM " + t(servers ? "resources" : "capabilities") + " r WHERE r.id = " + a + ".id::text)");
                }
                if (last != null) {
                    where.add(a + ".id > '" + last + "'::uuid");
                }
                String w = where.isEmpty() ? null : String.join(" AND ", where);
                String tail = "ORDER BY " + a + ".id LIMIT " + batchSize;
                read = write(servers, servers ? mapping.serversSelect(w, tail) : mapping.toolsSelect(w, tail), null, batchNo);
                if (read.rows() > 0) {
                    if (servers) {
                        lastServer = UUID.fromString(read.last());
                    } else {
                        lastTool = UUID.fromString(read.last());
                    }
                }
                passDone = read.rows() < batchSize;
            }
            if (read.rows() > 0) {
                if (servers) {
                    resourcesCreated += read.created();
                    resourcesSkipped += read.rows() - read.created();
                    resourcesCreatedNow += read.created();
                } else {
                    capabilitiesCreated += read.created();
                    capabilitiesSkipped += read.rows() - read.created();
                    capabilitiesCreatedNow += read.created();
                }
                batchesDone = batchNo;
                batchesNow++;
                boolean tids = "pages".equals(pass);
                Sql.update(c, "INSERT INTO " + t("sark_migration_batches") + " (run_id, batch_no, phase, pass, first_id, last_id, first_tid, "
                        + "last_tid, rows_read, rows_created, started_at, finished_at) VALUES (?, ?, ?, ?, ?::uuid, ?::uuid, ?::tid, ?::tid, ?, ?, ?, ?)",
                        runId, batchNo, servers ? "resources" : "capabilities", pass, tids ? null : read.first(), tids ? null : read.last(),
                        tids ? read.first() : null, tids ? read.last() : null, (int) read.rows(), (int) read.created(),
                        Timestamp.from(batchStart), Timestamp.from(clock.instant()));
            }
            if (passDone) {
                endOfPass(servers);
            }
            Sql.update(c, "UPDATE " + t("sark_migration_runs") + " SET phase = ?, last_server_id = ?, last_tool_id = ?, batches_done = ?, "
                    + "resources_created = ?, capabilities_created = ?, resources_skipped = ?, capabilities_skipped = ?, updated_at = ?, "
                    + "servers_total = ?, tools_total = ?, next_server_tid = ?::tid, next_tool_tid = ?::tid, catch_up = ?"
                    + ("done".equals(phase) ? ", state = 'completed', finished_at = ?" : "") + " WHERE id = ?",
                    phaseParams());
            if (read.rows() > 0 && batchHook != null) {
                batchHook.afterWrite(runId, servers ? "resources" : "capabilities", batchNo);
            }
            if (read.rows() > 0 && !rehearsal && LOG.isInfoEnabled()) {
                LOG.info("migration run {} batch {} ({}): {} rows read, {}/{} done", runId, batchNo, servers ? "resources" : "capabilities",
                        read.rows(), servers ? resourcesCreated + resourcesSkipped : capabilitiesCreated + capabilitiesSkipped,
                        servers ? serversTotal : toolsTotal);
            }
            if (read.rows() > 0 && progress != null && !rehearsal) {
                commit();
                long done = servers ? resourcesCreated + resourcesSkipped : capabilitiesCreated + capabilitiesSkipped;
                progress.onBatch(new Progress(runId, servers ? "resources" : "capabilities", batchNo, done,
                        servers ? serversTotal : toolsTotal, (System.nanoTime() - started) / 1_000_000));
            }
        }

        /**
         * A pass of the current phase read its last batch. After the page pass (or a keyset run's pass): if v1 now
         * has a different number of rows than the phase read, v1 was written meanwhile, and the catch-up pass
         * follows; otherwise, and after the catch-up pass, the next phase.
         */
        private void endOfPass(boolean servers) throws SQLException {
            if (!catchUp) {
                long now = Sql.queryLong(c, "SELECT count(*) FROM " + v1(servers ? "mcp_servers" : "mcp_tools"));
                long read = servers ? resourcesCreated + resourcesSkipped : capabilitiesCreated + capabilitiesSkipped;
                if (now != read) {
                    catchUp = true;
                    if (servers) {
                        lastServer = null;
                        serversTotal = now;
                    } else {
                        lastTool = null;
                        toolsTotal = now;
                    }
                    return;
                }
            }
            catchUp = false;
            phase = servers ? "capabilities" : "done";
        }

        private Read write(boolean servers, String select, String windowKeys, int batchNo) throws SQLException {
            String sql = batchStatement(servers, select, windowKeys,
                    skipsJson ? new JsonOriginals(c, targetSchema).notSkipped(servers ? KIND_RESOURCE : KIND_CAPABILITY, "src.v1_id") : null);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, runId);
                ps.setInt(2, batchNo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Read(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                }
            }
        }

        private Object[] phaseParams() {
            Timestamp now = Timestamp.from(clock.instant());
            List<Object> p = new ArrayList<>(List.of(phase));
            p.add(lastServer);
            p.add(lastTool);
            p.add(batchesDone);
            p.add(resourcesCreated);
            p.add(capabilitiesCreated);
            p.add(resourcesSkipped);
            p.add(capabilitiesSkipped);
            p.add(now);
            p.add(serversTotal);
            p.add(toolsTotal);
            p.add(serverPages > 0 ? nextServer.toString() : null);
            p.add(toolPages > 0 ? nextTool.toString() : null);
            p.add(catchUp);
            if ("done".equals(phase)) {
                p.add(now);
            }
            p.add(runId);
            return p.toArray();
        }
    }

    // ---------------------------------------------------------------------------------------------- validate

    /** Runs the checks of {@code mode}; see {@link ValidationReport#exitCode()}. Read-only. */
    public ValidationReport validate(ValidationMode mode) {
        Instant start = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
            if (mode != ValidationMode.SCHEMA && mode != ValidationMode.QUICK && detectShape(c, v1Schema).shape() == SourceShape.ABSENT) {
                throw new V1SchemaNotFoundException(v1Schema, Attention.otherV1Schemas(c, v1Schema));
            }
            List<ValidationReport.Issue> issues = new Validator(dataSource, c, v1Schema, targetSchema, batchSize).run(mode);
            c.rollback();
            return new ValidationReport(mode, start, clock.instant(), issues);
        } catch (SQLException e) {
            throw new MigrationException("validate failed: " + oneLine(e), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- rollback

    /**
     * Deletes the rows migration runs created (all runs, or one), in one transaction. v1 tables are not touched;
     * rows created natively stay. Refused (nothing changed, {@link RollbackResult#refused()}) when cost or audit
     * rows reference migrated rows, or native capabilities hang under migrated resources, unless
     * {@code force}. Idempotent.
     */
    public RollbackResult rollback(RollbackOptions options) {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            requireV2Tables(c);
            if (!stateInstalled(c)) {
                return new RollbackResult(options.dryRun(), false, options.runId(), 0, 0, 0, List.of(), List.of(), List.of(), 0, Map.of(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            c.setAutoCommit(false);
            if (!Sql.queryBool(c, "SELECT pg_try_advisory_xact_lock(?)", lockKey())) {
                throw new MigrationBusyException("another migration execute or rollback is running on schema " + targetSchema);
            }
            String runFilter = options.runId() == null ? "" : " AND p.run_id = " + options.runId();
            String migratedCaps = "SELECT p.id::text FROM " + t("sark_migration_rows") + " p WHERE p.kind = 2" + runFilter;
            String migratedRes = "SELECT p.id::text FROM " + t("sark_migration_rows") + " p WHERE p.kind = 1" + runFilter;
            List<String> costs = new ArrayList<>();
            List<String> audit = new ArrayList<>();
            long refs = 0;
            if (Sql.tableExists(c, targetSchema, "cost_tracking")) {
                String where = " FROM " + t("cost_tracking") + " ct WHERE ct.capability_id IN (" + migratedCaps + ") OR ct.resource_id IN ("
                        + migratedRes + ")";
                refs += Sql.queryLong(c, "SELECT count(*)" + where);
                costs = Sql.queryStrings(c, "SELECT DISTINCT CASE WHEN ct.capability_id IN (" + migratedCaps
                        + ") THEN 'capability ' || ct.capability_id ELSE 'resource ' || ct.resource_id END" + where + " ORDER BY 1 LIMIT 50");
            }
            if (Sql.tableExists(c, targetSchema, "audit_events") && Sql.columnExists(c, targetSchema, "audit_events", "capability_id")) {
                String where = " FROM " + t("audit_events") + " ae WHERE ae.capability_id IN (" + migratedCaps + ")";
                refs += Sql.queryLong(c, "SELECT count(*)" + where);
                audit = Sql.queryStrings(c, "SELECT DISTINCT 'capability ' || ae.capability_id" + where + " ORDER BY 1 LIMIT 50");
            }
            String nativeWhere = " FROM " + t("capabilities") + " cap WHERE cap.resource_id IN (" + migratedRes + ") AND NOT EXISTS (SELECT 1 FROM "
                    + t("sark_migration_rows") + " q WHERE q.kind = 2 AND q.id::text = cap.id)";
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
            long caps = Sql.update(c, "DELETE FROM " + t("capabilities") + " cap USING " + t("sark_migration_rows") + " p WHERE p.kind = 2 "
                    + "AND cap.id = p.id::text" + runFilter);
            // native capabilities under migrated resources (only reached with force) go with them: ON DELETE CASCADE
            long nativeDeleted = natives;
            long res = Sql.update(c, "DELETE FROM " + t("resources") + " r USING " + t("sark_migration_rows") + " p WHERE p.kind = 1 "
                    + "AND r.id = p.id::text" + runFilter);
            Sql.update(c, "DELETE FROM " + t("sark_migration_rows") + " p WHERE true" + runFilter);
            scope.forgetJson();
            Sql.update(c, "UPDATE " + t("sark_migration_runs") + " SET state = 'rolled_back', updated_at = ? WHERE state <> 'rolled_back'"
                    + (options.runId() == null ? "" : " AND id = " + options.runId()), Timestamp.from(clock.instant()));
            if (options.dryRun()) {
                c.rollback();
            } else {
                c.commit();
            }
            return new RollbackResult(options.dryRun(), false, options.runId(), res, caps, nativeDeleted, costs, audit, nativeIds, refs, rows,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            throw new MigrationException("rollback failed: " + oneLine(e), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- status

    /** Every run with its state, batches, rows and timings. Read-only. */
    public StatusResult status() {
        try (Connection c = dataSource.getConnection()) {
            if (!stateInstalled(c)) {
                return new StatusResult(targetSchema, false, 0, 0, List.of());
            }
            List<StatusResult.Run> runs = new ArrayList<>();
            for (Map<String, Object> r : Sql.queryMaps(c, "SELECT r.*, "
                    + "(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.finished_at - b.started_at) * 1000) "
                    + " FROM " + t("sark_migration_batches") + " b WHERE b.run_id = r.id) AS p50, "
                    + "(SELECT max(extract(epoch FROM b.finished_at - b.started_at) * 1000) FROM " + t("sark_migration_batches")
                    + " b WHERE b.run_id = r.id) AS pmax FROM " + t("sark_migration_runs") + " r ORDER BY r.id DESC")) {
                runs.add(new StatusResult.Run(((Number) r.get("id")).longValue(), (String) r.get("state"), (String) r.get("phase"),
                        (String) r.get("v1_schema"), (String) r.get("shape"), ((Number) r.get("batch_size")).intValue(),
                        ((Number) r.get("servers_total")).longValue(), ((Number) r.get("tools_total")).longValue(),
                        ((Number) r.get("batches_done")).intValue(), ((Number) r.get("resources_created")).longValue(),
                        ((Number) r.get("capabilities_created")).longValue(), ((Number) r.get("attempts")).intValue(),
                        instant(r.get("started_at")), instant(r.get("updated_at")), instant(r.get("finished_at")),
                        r.get("p50") == null ? 0 : ((Number) r.get("p50")).doubleValue(),
                        r.get("pmax") == null ? 0 : ((Number) r.get("pmax")).doubleValue(), (String) r.get("error")));
            }
            return new StatusResult(targetSchema, true,
                    Sql.queryLong(c, "SELECT count(*) FROM " + t("sark_migration_rows") + " WHERE kind = 1"),
                    Sql.queryLong(c, "SELECT count(*) FROM " + t("sark_migration_rows") + " WHERE kind = 2"), runs);
        } catch (SQLException e) {
            throw new MigrationException("status failed: " + oneLine(e), e);
        }
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse(o.toString());
    }

    /** Configuration of a {@link V1ToV2Migration}. */
    public static final class Builder {
        private DataSource dataSource;
        private String v1Schema = "public";
        private String targetSchema = io.sark.schema.SarkSchema.DEFAULT_SCHEMA;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Clock clock = Clock.systemUTC();
        private Progress.Listener progress;
        private BatchHook batchHook;
        private int sampleSize = DEFAULT_SAMPLE_SIZE;
        private boolean rehearse = true;
        private InvalidJson invalidJson = InvalidJson.ESCAPE;

        private Builder() {
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
         * @throws IllegalArgumentException naming the invalid setting
         */
        public V1ToV2Migration build() {
            if (dataSource == null) {
                throw new IllegalArgumentException("dataSource is required");
            }
            for (String s : new String[] {v1Schema, targetSchema}) {
                if (s == null || !SCHEMA_NAME.matcher(s).matches()) {
                    throw new IllegalArgumentException("schema names must be lowercase identifiers, got: " + s);
                }
            }
            if (batchSize < 1 || batchSize > 1_000_000) {
                throw new IllegalArgumentException("batchSize must be in 1..1000000, got: " + batchSize);
            }
            if (sampleSize < 0 || sampleSize > 1000) {
                throw new IllegalArgumentException("sampleSize must be in 0..1000, got: " + sampleSize);
            }
            Objects.requireNonNull(clock, "clock");
            return new V1ToV2Migration(this);
        }
    }
}
