package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.Severity;
import io.sark.migration.ShapeDetection;
import io.sark.migration.SourceShape;
import io.sark.migration.ValidationMode;
import io.sark.migration.ValidationReport.Issue;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaValidation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The validator: the reference's fifteen checks (§4) with its defects fixed (T5), plus Flyway history and
 * row-level fidelity (every v1 row against its v2 row under the mapping, by per-batch checksums computed in
 * SQL on both sides). Not API; use {@code V1ToV2Migration#validate(ValidationMode)}.
 */
public final class Validator {

    private static final Map<String, List<String>> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("resources", List.of("id", "name", "protocol", "endpoint", "sensitivity_level", "metadata"));
        REQUIRED.put("capabilities", List.of("id", "resource_id", "name", "input_schema", "output_schema"));
        REQUIRED.put("federation_nodes", List.of("id", "node_id", "name", "endpoint", "trust_anchor_cert"));
        REQUIRED.put("cost_tracking", List.of("id", "timestamp", "principal_id", "resource_id", "capability_id"));
        REQUIRED.put("principal_budgets", List.of("principal_id", "daily_budget", "monthly_budget"));
    }

    private final DataSource dataSource;
    private final Connection c;
    private final String v1;
    private final String target;
    private final int batchSize;
    private final List<Issue> issues = new ArrayList<>();
    private final List<String> missingTables = new ArrayList<>();
    private JsonOriginals json;
    private boolean skipped;

    public Validator(DataSource dataSource, Connection c, String v1Schema, String targetSchema, int batchSize) {
        this.dataSource = dataSource;
        this.c = c;
        this.v1 = v1Schema;
        this.target = targetSchema;
        this.batchSize = batchSize;
    }

    private void add(Severity s, String check, String message, Map<String, Object> details) {
        issues.add(new Issue(s, check, message, details));
    }

    private String t(String table) {
        return q(target) + "." + q(table);
    }

    public List<Issue> run(ValidationMode mode) throws SQLException {
        schema();
        if (mode == ValidationMode.SCHEMA) {
            return issues;
        }
        boolean catalogue = !missingTables.contains("resources") && !missingTables.contains("capabilities");
        if (mode == ValidationMode.FULL || mode == ValidationMode.DATA) {
            if (catalogue) {
                data();
            } else {
                add(Severity.CRITICAL, "data.skipped", "data checks skipped: resources/capabilities missing in " + target, Map.of());
            }
        }
        if (mode == ValidationMode.DATA) {
            // reference: data mode runs checks 5-11 only (plus fidelity here); the schema checks above still
            // tell why data checks could not run
            issues.removeIf(i -> i.checkName().startsWith("schema.") && i.severity() == Severity.INFO);
            return issues;
        }
        if (catalogue) {
            relationships();
            business();
        }
        return issues;
    }

    // 1-4 + Flyway
    private void schema() throws SQLException {
        for (Map.Entry<String, List<String>> e : REQUIRED.entrySet()) {
            String table = e.getKey();
            if (!Sql.tableExists(c, target, table)) {
                missingTables.add(table);
                add(Severity.CRITICAL, "schema.table_exists", "table " + target + "." + table + " does not exist", Map.of("table", table));
                continue;
            }
            List<String> columns = Sql.queryStrings(c, "SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
                    + "AND table_name = ?", target, table);
            List<String> missing = e.getValue().stream().filter(col -> !columns.contains(col)).toList();
            if (!missing.isEmpty()) {
                add(Severity.CRITICAL, "schema.columns_exist", "table " + table + " lacks required columns " + missing,
                        Map.of("table", table, "missing_columns", missing));
            } else {
                add(Severity.INFO, "schema.table_valid", "table " + table + " has its required columns",
                        Map.of("table", table, "columns", columns.size()));
            }
        }
        // indexes by what they do (leading column / method), not by name: the ORM and adopted databases name them differently
        String[][] wanted = {
                {"resources", "btree", "protocol"}, {"resources", "gin", "metadata"},
                {"capabilities", "btree", "resource_id"}, {"capabilities", "gin", "metadata"},
                {"cost_tracking", "btree", "timestamp"}, {"cost_tracking", "btree", "principal_id"}};
        Map<String, List<String>> missingIdx = new LinkedHashMap<>();
        List<String> checked = new ArrayList<>();
        for (String[] w : wanted) {
            if (missingTables.contains(w[0])) {
                continue;
            }
            if (!checked.contains(w[0])) {
                checked.add(w[0]);
            }
            boolean ok = Sql.queryBool(c, "SELECT EXISTS (SELECT 1 FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                    + "JOIN pg_class r ON r.oid = x.indrelid JOIN pg_namespace n ON n.oid = r.relnamespace JOIN pg_am am ON am.oid = i.relam "
                    + "JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = x.indkey[0] "
                    + "WHERE n.nspname = ? AND r.relname = ? AND am.amname = ? AND a.attname = ? AND x.indisvalid)", target, w[0], w[1], w[2]);
            if (!ok) {
                missingIdx.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w[1] + "(" + w[2] + ")");
            }
        }
        if (checked.isEmpty()) {
            add(Severity.WARNING, "schema.indexes_not_checked", "critical indexes not checked: their tables are missing", Map.of());
        } else if (missingIdx.isEmpty()) {
            add(Severity.INFO, "schema.indexes_exist", "critical indexes present on " + checked, Map.of("tables", checked));
        } else {
            missingIdx.forEach((table, idx) -> add(Severity.WARNING, "schema.indexes_exist", "table " + table + " lacks indexes " + idx,
                    Map.of("table", table, "missing_indexes", idx)));
        }
        try {
            SchemaValidation v = SarkSchema.configure().dataSource(dataSource).schema(target).load().validate();
            if (v.valid()) {
                add(Severity.INFO, "schema.history_valid", "SARK schema history of " + target + " matches this SDK", Map.of());
            } else {
                add(Severity.ERROR, "schema.history_valid", "SARK schema history of " + target + " does not match this SDK",
                        Map.of("problems", v.problems()));
            }
        } catch (RuntimeException e) {
            add(Severity.ERROR, "schema.history_valid", "cannot read the SARK schema history: " + e.getMessage(), Map.of());
        }
    }

    // 5-11 + fidelity
    private void data() throws SQLException {
        ShapeDetection shape = ShapeDetector.detect(c, v1);
        if (shape.shape() == SourceShape.ABSENT) {
            add(Severity.WARNING, "data.v1_tables_missing", "no mcp_servers/mcp_tools in schema " + v1 + "; v1 comparisons skipped", Map.of());
        } else {
            json = new JsonOriginals(c, target);
            skipped = json.installed();
            if (Sql.queryLong(c, "SELECT count(*) FROM (SELECT 1 FROM " + q(v1) + ".mcp_servers UNION ALL SELECT 1 FROM " + q(v1)
                    + ".mcp_tools LIMIT 1) x") == 0) {
                add(Severity.ERROR, "data.nothing_compared", "v1 schema " + v1 + " has no servers and no tools: nothing to compare"
                        + Attention.otherV1Schemas(c, v1).stream().map(x -> "; mcp_servers also in " + x).reduce("", String::concat), Map.of());
            }
            counts("data.server_count", "mcp_servers", "resources", 1);
            counts("data.tool_count", "mcp_tools", "capabilities", 2);
        }
        long orphans = Sql.queryLong(c, "SELECT count(*) FROM " + t("capabilities") + " c WHERE NOT EXISTS (SELECT 1 FROM " + t("resources")
                + " r WHERE r.id = c.resource_id)");
        if (orphans > 0) {
            add(Severity.ERROR, "data.orphaned_capabilities", orphans + " capabilities without resource", Map.of("count", orphans));
        } else {
            add(Severity.INFO, "data.no_orphaned_capabilities", "every capability has its resource", Map.of());
        }
        long nullRes = Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " WHERE name IS NULL OR protocol IS NULL OR endpoint IS NULL");
        add(nullRes > 0 ? Severity.ERROR : Severity.INFO, nullRes > 0 ? "data.null_resource_fields" : "data.no_null_resources",
                nullRes > 0 ? nullRes + " resources with NULL name/protocol/endpoint" : "no resource has NULL name/protocol/endpoint",
                Map.of("count", nullRes));
        long nullCap = Sql.queryLong(c, "SELECT count(*) FROM " + t("capabilities") + " WHERE name IS NULL OR resource_id IS NULL");
        add(nullCap > 0 ? Severity.ERROR : Severity.INFO, nullCap > 0 ? "data.null_capability_fields" : "data.no_null_capabilities",
                nullCap > 0 ? nullCap + " capabilities with NULL name/resource_id" : "no capability has NULL name/resource_id",
                Map.of("count", nullCap));
        long mcp = Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " WHERE protocol = 'mcp'");
        if (mcp > 0) {
            long with = Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " WHERE protocol = 'mcp' AND metadata IS NOT NULL "
                    + "AND metadata <> '{}'::jsonb");
            double pct = Math.round(with * 10_000.0 / mcp) / 100.0;
            add(pct < 50 ? Severity.WARNING : Severity.INFO, pct < 50 ? "data.metadata_sparse" : "data.metadata_populated",
                    pct + "% of mcp resources have metadata", Map.of("with_metadata", with, "total", mcp, "percentage", pct));
        }
        long placeholders = Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " WHERE endpoint LIKE ?",
                Mapping.PLACEHOLDER_ENDPOINT_PREFIX + "%");
        if (placeholders > 0) {
            add(Severity.WARNING, "data.placeholder_endpoints", placeholders + " resources carry the placeholder endpoint "
                    + Mapping.PLACEHOLDER_ENDPOINT_PREFIX + "<id>: give them a real endpoint", Map.of("count", placeholders));
        }
        if (shape.shape() != SourceShape.ABSENT) {
            Mapping m = new Mapping(v1, shape, JsonScanner.jsonColumns(c, v1));
            fidelity("data.fidelity_resources", m.serversSelect(migratable(1, "s"), null), "resources", Mapping.RESOURCE_COLUMNS);
            fidelity("data.fidelity_capabilities", m.toolsSelect(migratable(2, "t"), null), "capabilities", Mapping.CAPABILITY_COLUMNS);
            issues.addAll(json.validate(v1));
            if (Sql.tableExists(c, target, "sark_migration_rows")) {
                long gone = Sql.queryLong(c, "SELECT count(*) FROM " + t("sark_migration_rows") + " p WHERE (p.kind = 1 AND NOT EXISTS (SELECT 1 FROM "
                        + q(v1) + ".mcp_servers s WHERE s.id = p.id)) OR (p.kind = 2 AND NOT EXISTS (SELECT 1 FROM " + q(v1)
                        + ".mcp_tools s WHERE s.id = p.id))");
                add(gone > 0 ? Severity.WARNING : Severity.INFO, "data.provenance_sources",
                        gone > 0 ? gone + " migrated rows whose v1 row no longer exists" : "every migrated row still has its v1 row",
                        Map.of("count", gone));
            }
        }
    }

    /** Rows recorded as skipped (InvalidJson.SKIP) are not expected in v2: a predicate on the v1 row, or null. */
    private String migratable(int kind, String alias) {
        return skipped ? json.notSkipped(kind, alias + ".id") : null;
    }

    private void counts(String check, String v1Table, String v2Table, int kind) throws SQLException {
        String where = migratable(kind, "s");
        long v1Count = Sql.queryLong(c, "SELECT count(*) FROM " + q(v1) + "." + q(v1Table) + " s" + (where == null ? "" : " WHERE " + where));
        long present = Sql.queryLong(c, "SELECT count(*) FROM " + q(v1) + "." + q(v1Table) + " s WHERE EXISTS (SELECT 1 FROM " + t(v2Table)
                + " r WHERE r.id = s.id::text)");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("v1_count", v1Count);
        d.put("v2_count", present);
        d.put("diff", v1Count - present);
        if (v1Count != present) {
            add(Severity.ERROR, check + "_mismatch", (v1Count - present) + " of " + v1Count + " " + v1Table + " rows have no " + v2Table + " row", d);
        } else {
            add(Severity.INFO, check + "_valid", "all " + v1Count + " " + v1Table + " rows have their " + v2Table + " row", d);
        }
    }

    /** Per-batch md5 of the expected rows (mapping of v1) and of the actual v2 rows with the same ids. */
    private void fidelity(String check, String select, String v2Table, String columns) throws SQLException {
        String exp = "(" + prefixed("m", columns) + ")::text";
        String act = "CASE WHEN r.id IS NULL THEN '<missing>' ELSE (" + prefixed("r", columns) + ")::text END";
        String base = "WITH m AS MATERIALIZED (" + select + "), j AS (SELECT m.v1_id, m.id, " + exp + " AS expected, " + act + " AS actual, "
                + "(row_number() OVER (ORDER BY m.v1_id) - 1) / " + batchSize + " AS batch FROM m LEFT JOIN " + t(v2Table) + " r ON r.id = m.id) ";
        List<Map<String, Object>> batches = Sql.queryMaps(c, base + "SELECT batch, count(*) AS rows, md5(string_agg(expected, E'\\n' ORDER BY v1_id)) AS e, "
                + "md5(string_agg(actual, E'\\n' ORDER BY v1_id)) AS a FROM j GROUP BY batch ORDER BY batch");
        List<Long> bad = new ArrayList<>();
        long rows = 0;
        for (Map<String, Object> b : batches) {
            rows += ((Number) b.get("rows")).longValue();
            if (!b.get("e").equals(b.get("a"))) {
                bad.add(((Number) b.get("batch")).longValue());
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rows", rows);
        d.put("batches", batches.size());
        d.put("batch_size", batchSize);
        if (bad.isEmpty()) {
            add(Severity.INFO, check, "all " + rows + " v1 rows equal their " + v2Table + " row under the mapping (" + batches.size()
                    + " batch checksums)", d);
            return;
        }
        List<String> sample = Sql.queryStrings(c, base + "SELECT id FROM j WHERE expected IS DISTINCT FROM actual ORDER BY v1_id LIMIT 10");
        long differing = Sql.queryLong(c, base + "SELECT count(*) FROM j WHERE expected IS DISTINCT FROM actual");
        d.put("mismatched_batches", bad.size() > 20 ? bad.subList(0, 20) : bad);
        d.put("differing_rows", differing);
        d.put("sample_ids", sample);
        add(Severity.ERROR, check, differing + " v1 rows differ from (or lack) their " + v2Table + " row in " + bad.size() + " of "
                + batches.size() + " batches", d);
    }

    private static String prefixed(String alias, String columns) {
        StringBuilder sb = new StringBuilder();
        for (String col : columns.split(",\\s*")) {
            sb.append(sb.length() > 0 ? ", " : "").append(alias).append('.').append(col);
        }
        return sb.toString();
    }

    // 12-13
    private void relationships() throws SQLException {
        long broken = Sql.queryLong(c, "SELECT count(*) FROM " + t("capabilities") + " c LEFT JOIN " + t("resources") + " r ON r.id = c.resource_id "
                + "WHERE r.id IS NULL");
        if (broken > 0) {
            List<String> ids = Sql.queryStrings(c, "SELECT c.id FROM " + t("capabilities") + " c LEFT JOIN " + t("resources")
                    + " r ON r.id = c.resource_id WHERE r.id IS NULL ORDER BY c.id LIMIT 5");
            add(Severity.CRITICAL, "relationships.broken_fk_capabilities_resources", broken + " capabilities point to no resource",
                    Map.of("count", broken, "sample_ids", ids));
        } else {
            add(Severity.INFO, "relationships.fk_capabilities_resources_valid", "every capabilities.resource_id resolves", Map.of());
        }
        boolean cascade = Sql.queryBool(c, "SELECT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = ANY (k.conkey) "
                + "WHERE n.nspname = ? AND r.relname = 'capabilities' AND k.contype = 'f' AND a.attname = 'resource_id' AND k.confdeltype = 'c')",
                target);
        add(cascade ? Severity.INFO : Severity.WARNING, cascade ? "relationships.cascade_delete_configured" : "relationships.cascade_delete_missing",
                cascade ? "capabilities.resource_id cascades on delete" : "capabilities.resource_id does not cascade on delete", Map.of());
    }

    // 14-15
    private void business() throws SQLException {
        long badRes = Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " WHERE sensitivity_level NOT IN ('low','medium','high','critical')");
        long badCap = Sql.queryLong(c, "SELECT count(*) FROM " + t("capabilities") + " WHERE sensitivity_level NOT IN ('low','medium','high','critical')");
        if (badRes + badCap > 0) {
            add(Severity.ERROR, "business.invalid_sensitivity_levels", (badRes + badCap) + " rows with a sensitivity outside low..critical",
                    Map.of("resources", badRes, "capabilities", badCap));
        } else {
            add(Severity.INFO, "business.sensitivity_levels_valid", "every resource and capability sensitivity is low..critical", Map.of());
        }
        List<String> unknown = Sql.queryStrings(c, "SELECT DISTINCT protocol FROM " + t("resources")
                + " WHERE protocol NOT IN ('mcp','http','grpc','graphql','websocket') ORDER BY 1");
        if (!unknown.isEmpty()) {
            add(Severity.WARNING, "business.unknown_protocols", "protocols outside mcp/http/grpc/graphql/websocket: " + unknown,
                    Map.of("protocols", unknown));
        } else {
            add(Severity.INFO, "business.protocols_valid", "every protocol is a known one", Map.of());
        }
    }
}
