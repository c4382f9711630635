package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.AttentionGroup;
import io.sark.migration.MigrationException;
import io.sark.migration.PlanResult;
import io.sark.migration.Severity;
import io.sark.migration.ShapeDetection;
import io.sark.migration.SourceShape;
import io.sark.migration.V1SchemaNotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dry run: counts, rows needing attention, sample mapped rows, and a rehearsal of the real batches in one
 * transaction that is rolled back. Writes nothing. Not API.
 */
public final class Planner {

    private static final List<String> V1_TABLES = List.of("mcp_servers", "mcp_tools", "users", "teams", "user_teams", "api_keys",
            "policies", "policy_versions", "audit_events", "gateway_audit_events");

    private final MigrationSettings s;
    private final StateTables tables;
    private final String toolVersion;

    public Planner(MigrationSettings settings, String toolVersion) {
        this.s = settings;
        this.tables = settings.state();
        this.toolVersion = toolVersion;
    }

    /** Plans (see {@code V1ToV2Migration#plan()}). */
    public PlanResult plan() {
        long t0 = System.nanoTime();
        String v1Schema = s.v1Schema();
        try (Connection c = s.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
            ShapeDetection shape = ShapeDetector.detect(c, v1Schema);
            List<String> problems = new ArrayList<>();
            Map<String, Long> v1Counts = new LinkedHashMap<>();
            Map<String, Long> v2Counts = new LinkedHashMap<>();
            Map<String, Long> toMigrate = new LinkedHashMap<>();
            List<AttentionGroup> attention = new ArrayList<>();
            Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();
            for (String table : V1_TABLES) {
                if (Sql.tableExists(c, v1Schema, table)) {
                    v1Counts.put(table, Sql.queryLong(c, "SELECT count(*) FROM " + q(v1Schema) + "." + q(table)));
                }
            }
            boolean v2 = Sql.tableExists(c, s.targetSchema(), "resources") && Sql.tableExists(c, s.targetSchema(), "capabilities");
            boolean state = tables.installed(c);
            if (shape.shape() == SourceShape.ABSENT) {
                throw new V1SchemaNotFoundException(v1Schema, Attention.otherV1Schemas(c, v1Schema));
            } else if (shape.parametersColumn() == null) {
                attention.add(new AttentionGroup("NO_PARAMETERS_COLUMN", Severity.WARNING, "mcp_tools",
                        "mcp_tools has no parameters column: every input_schema becomes {}", 1, List.of()));
            }
            if (!v2) {
                problems.add("schema " + s.targetSchema() + " has no resources/capabilities tables; run 'schema migrate' or 'schema adopt'");
            } else {
                RunStore store = new RunStore(tables);
                v2Counts.put("resources", Sql.queryLong(c, "SELECT count(*) FROM " + tables.t("resources")));
                v2Counts.put("resources_mcp", Sql.queryLong(c, "SELECT count(*) FROM " + tables.t("resources") + " WHERE protocol = 'mcp'"));
                v2Counts.put("capabilities", Sql.queryLong(c, "SELECT count(*) FROM " + tables.t("capabilities")));
                v2Counts.put("migrated_resources", state ? store.migrated(c, StateTables.KIND_RESOURCE) : 0);
                v2Counts.put("migrated_capabilities", state ? store.migrated(c, StateTables.KIND_CAPABILITY) : 0);
                Mapping m = new Mapping(v1Schema, shape, JsonScanner.jsonColumns(c, v1Schema));
                toMigrate.put("resources", Sql.queryLong(c, "SELECT count(*) FROM " + q(v1Schema) + ".mcp_servers s WHERE NOT EXISTS "
                        + "(SELECT 1 FROM " + tables.t("resources") + " r WHERE r.id = s.id::text)"));
                toMigrate.put("capabilities", Sql.queryLong(c, "SELECT count(*) FROM " + q(v1Schema) + ".mcp_tools s WHERE NOT EXISTS "
                        + "(SELECT 1 FROM " + tables.t("capabilities") + " r WHERE r.id = s.id::text)"));
                attention.addAll(new Attention(c, v1Schema, s.targetSchema(), shape, m, state, s.sampleSize()).groups(s.invalidJson()));
                samples.put("resources", strip(Sql.queryMaps(c, m.serversSelect(null, "ORDER BY s.id LIMIT " + s.sampleSize()))));
                samples.put("capabilities", strip(Sql.queryMaps(c, m.toolsSelect(null, "ORDER BY t.id LIMIT " + s.sampleSize()))));
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
            if (problems.isEmpty() && s.rehearse()) {
                rehearsal = rehearse(shape);
                if (!rehearsal.succeeded()) {
                    problems.add("rehearsal failed: " + rehearsal.error());
                }
            }
            return new PlanResult(v1Schema, s.targetSchema(), shape, v1Counts, v2Counts, toMigrate, attention, samples, rehearsal,
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
        try (Connection c = s.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!Sql.queryBool(c, "SELECT pg_try_advisory_xact_lock(?)", tables.lockKey())) {
                    return new PlanResult.Rehearsal(false, false, 0, 0, 0, "an execute or rollback is running on " + s.targetSchema());
                }
                // the state DDL runs inside the transaction rolled back below: plan never creates or upgrades it
                tables.runMissingScripts(c);
                BatchRunner r = new BatchRunner(s, c, shape, true, toolVersion);
                r.run();
                return new PlanResult.Rehearsal(true, true, r.resourcesCreatedNow(), r.capabilitiesCreatedNow(),
                        (System.nanoTime() - t0) / 1_000_000, null);
            } catch (Exception e) {
                return new PlanResult.Rehearsal(true, false, 0, 0, (System.nanoTime() - t0) / 1_000_000, Sql.oneLine(e));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            return new PlanResult.Rehearsal(false, false, 0, 0, 0, Sql.oneLine(e));
        }
    }
}
