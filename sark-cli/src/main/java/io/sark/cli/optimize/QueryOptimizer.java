package io.sark.cli.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.migration.MigrationException;
import io.sark.schema.InvalidInputException;
import io.sark.schema.SchemaNames;
import io.sark.schema.json.SarkJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The polymorphic query optimizer (reference §5) with its defects fixed (T6): each benchmark query runs in its
 * own transaction so one failure does not poison the rest, the indexes a query uses are collected from the whole
 * EXPLAIN plan tree, {@code CREATE INDEX CONCURRENTLY} runs on an autocommit connection outside any transaction
 * (an invalid leftover of an interrupted build is dropped and rebuilt), and failures are reported.
 *
 * <pre>{@code
 * QueryOptimizer o = new QueryOptimizer(dataSource, "sark");
 * BenchmarkResult b = o.benchmark(20);
 * ApplyResult a = o.apply(false);   // a.failed() > 0 -> exit code 1 in the CLI
 * }</pre>
 */
public final class QueryOptimizer {


    private final DataSource dataSource;
    private final String schema;

    /** Works on the v2 tables of {@code schema}. */
    public QueryOptimizer(DataSource dataSource, String schema) {
        if (!SchemaNames.isValid(schema)) {
            throw new InvalidInputException("schema", "must be a lowercase identifier, got: " + schema);
        }
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** The eight query patterns of reference §5, qualified with the schema; bind values as the reference's. */
    public List<QueryPattern> patterns() {
        String r = SchemaNames.quote(schema) + ".resources";
        String c = SchemaNames.quote(schema) + ".capabilities";
        String ct = SchemaNames.quote(schema) + ".cost_tracking";
        return List.of(
                new QueryPattern("list_resources_by_protocol", "SELECT id, name, protocol, endpoint, sensitivity_level FROM " + r
                        + " WHERE protocol = 'mcp' ORDER BY name LIMIT 100", 50),
                new QueryPattern("search_resources_by_metadata", "SELECT id, name, protocol, endpoint FROM " + r
                        + " WHERE metadata @> '{\"transport\": \"stdio\"}'::jsonb LIMIT 100", 100),
                new QueryPattern("list_capabilities_with_resources", "SELECT r.id, r.name, r.protocol, c.id, c.name, c.sensitivity_level FROM "
                        + r + " r JOIN " + c + " c ON c.resource_id = r.id WHERE r.protocol = 'mcp' ORDER BY r.name, c.name LIMIT 100", 75),
                new QueryPattern("high_sensitivity_capabilities", "SELECT c.id, c.name, c.sensitivity_level, r.name, r.protocol FROM " + c
                        + " c JOIN " + r + " r ON r.id = c.resource_id WHERE c.sensitivity_level IN ('high', 'critical') "
                        + "ORDER BY c.sensitivity_level DESC, c.name LIMIT 100", 60),
                new QueryPattern("search_capabilities_by_input_schema", "SELECT c.id, c.name, c.input_schema FROM " + c
                        + " c WHERE c.input_schema ? 'type' ORDER BY c.name LIMIT 100", 100),
                new QueryPattern("count_capabilities_per_protocol", "SELECT r.protocol, COUNT(c.id) AS capability_count FROM " + r
                        + " r LEFT JOIN " + c + " c ON c.resource_id = r.id GROUP BY r.protocol ORDER BY capability_count DESC", 0),
                new QueryPattern("cross_protocol_capabilities", "SELECT r.protocol, c.name, c.sensitivity_level, c.input_schema->>'type' AS schema_type FROM "
                        + r + " r JOIN " + c + " c ON c.resource_id = r.id WHERE r.protocol IN ('mcp', 'http', 'grpc') "
                        + "AND c.sensitivity_level <> 'low' ORDER BY r.protocol, c.name LIMIT 100", 150),
                new QueryPattern("resource_cost_analysis", "SELECT r.id, r.name, r.protocol, COUNT(ct.id) AS invocations, SUM(ct.actual_cost) AS total_cost FROM "
                        + r + " r JOIN " + c + " c ON c.resource_id = r.id JOIN " + ct + " ct ON ct.capability_id = c.id "
                        + "WHERE ct.\"timestamp\" >= now() - INTERVAL '24 hours' GROUP BY r.id, r.name, r.protocol "
                        + "ORDER BY total_cost DESC NULLS LAST LIMIT 50", 200));
    }

    /** The statements of reference §2.3/§5 that {@link #apply(boolean)} runs, in order. */
    public List<ApplyResult.Statement> optimizationStatements() {
        String s = SchemaNames.quote(schema);
        boolean ledgerHypertable = isHypertable("cost_tracking");
        return List.of(
                new ApplyResult.Statement("ix_resources_protocol_active", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_resources_protocol_active ON "
                        + s + ".resources (protocol, name) WHERE metadata->>'status' = 'active'", null, null, 0),
                new ApplyResult.Statement("ix_capabilities_resource_name_sensitivity", "CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                        + "ix_capabilities_resource_name_sensitivity ON " + s + ".capabilities (resource_id, name, sensitivity_level) INCLUDE (description)",
                        null, null, 0),
                new ApplyResult.Statement("ix_capabilities_input_schema_type", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_capabilities_input_schema_type ON "
                        + s + ".capabilities ((input_schema->>'type'))", null, null, 0),
                // TimescaleDB builds no index CONCURRENTLY on a hypertable: one transaction per chunk is its way
                new ApplyResult.Statement("ix_cost_tracking_principal_timestamp", (ledgerHypertable
                        ? "CREATE INDEX IF NOT EXISTS " : "CREATE INDEX CONCURRENTLY IF NOT EXISTS ")
                        + "ix_cost_tracking_principal_timestamp ON " + s + ".cost_tracking (principal_id, \"timestamp\" DESC, capability_id)"
                        + (ledgerHypertable ? " WITH (timescaledb.transaction_per_chunk)" : ""), null, null, 0),
                new ApplyResult.Statement(null, "ANALYZE " + s + ".resources", null, null, 0),
                new ApplyResult.Statement(null, "ANALYZE " + s + ".capabilities", null, null, 0));
    }

    /** Indexes, sizes and usage statistics of the v2 catalogue and cost tables. Read-only. */
    public AnalyzeResult analyze() {
        try (Connection c = dataSource.getConnection()) {
            List<AnalyzeResult.Table> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.relname, r.reltuples::bigint, pg_relation_size(r.oid), pg_total_relation_size(r.oid), "
                    + "coalesce(s.seq_scan, 0), coalesce(s.idx_scan, 0), coalesce(s.n_live_tup, 0) FROM pg_class r "
                    + "JOIN pg_namespace n ON n.oid = r.relnamespace LEFT JOIN pg_stat_user_tables s ON s.relid = r.oid "
                    + "WHERE n.nspname = ? AND r.relkind = 'r' AND r.relname IN ('resources', 'capabilities', 'cost_tracking', 'federation_nodes') "
                    + "ORDER BY r.relname")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(new AnalyzeResult.Table(rs.getString(1), Math.max(rs.getLong(2), rs.getLong(7)), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6), indexes(c, rs.getString(1))));
                    }
                }
            }
            return new AnalyzeResult(schema, tables);
        } catch (SQLException e) {
            throw new MigrationException("optimize analyze failed: " + e.getMessage(), e);
        }
    }

    private List<AnalyzeResult.Index> indexes(Connection c, String table) throws SQLException {
        List<AnalyzeResult.Index> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.relname, pg_get_indexdef(i.oid), pg_relation_size(i.oid), coalesce(s.idx_scan, 0), "
                + "x.indisvalid, x.indisunique FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class r ON r.oid = x.indrelid "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.oid "
                + "WHERE n.nspname = ? AND r.relname = ? ORDER BY i.relname")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AnalyzeResult.Index(rs.getString(1), rs.getString(2).replace(SchemaNames.quote(schema) + ".", "").replace(schema + ".", ""),
                            rs.getLong(3), rs.getLong(4), rs.getBoolean(5), rs.getBoolean(6)));
                }
            }
        }
        return out;
    }

    /**
     * Runs each pattern {@code runs} times (after one warm-up) and reports p50/p95, then EXPLAIN (ANALYZE) once
     * for its plan: the indexes used anywhere in the tree, and recommendations. Each execution is its own
     * transaction; a failing pattern is reported and the others still run.
     */
    public BenchmarkResult benchmark(int runs) {
        if (runs < 1) {
            throw new InvalidInputException("runs", "must be >= 1, got: " + runs);
        }
        List<BenchmarkResult.QueryResult> results = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (QueryPattern p : patterns()) {
                results.add(run(c, p, runs));
            }
        } catch (SQLException e) {
            throw new MigrationException("optimize benchmark failed: " + e.getMessage(), e);
        }
        return new BenchmarkResult(schema, runs, results, recommendations(results));
    }

    private BenchmarkResult.QueryResult run(Connection c, QueryPattern p, int runs) {
        try (Statement st = c.createStatement()) {
            long rows = 0;
            long[] nanos = new long[runs];
            for (int i = -1; i < runs; i++) {
                long t0 = System.nanoTime();
                rows = 0;
                try (ResultSet rs = st.executeQuery(p.sql())) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            JsonNode plan;
            try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + p.sql())) {
                rs.next();
                plan = SarkJson.mapper().readTree(rs.getString(1)).get(0);
            }
            Set<String> indexes = new LinkedHashSet<>();
            Set<String> nodeTypes = new LinkedHashSet<>();
            walk(plan.get("Plan"), indexes, nodeTypes);
            return new BenchmarkResult.QueryResult(p.name(), p.sql(), p.targetMillis(), rows, percentile(nanos, 50), percentile(nanos, 95),
                    nanos[0] / 1e6, nanos[nanos.length - 1] / 1e6, plan.get("Plan").path("Total Cost").asDouble(), List.copyOf(indexes),
                    List.copyOf(nodeTypes), nodeTypes.stream().anyMatch(n -> n.contains("Index")), null);
        } catch (Exception e) {
            return new BenchmarkResult.QueryResult(p.name(), p.sql(), p.targetMillis(), 0, -1, -1, -1, -1, 0, List.of(), List.of(), false,
                    e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s*\\n\\s*", " "));
        }
    }

    private static void walk(JsonNode node, Set<String> indexes, Set<String> types) {
        if (node == null) {
            return;
        }
        types.add(node.path("Node Type").asText());
        if (node.has("Index Name")) {
            indexes.add(node.get("Index Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, indexes, types);
        }
    }

    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private List<BenchmarkResult.Recommendation> recommendations(List<BenchmarkResult.QueryResult> results) {
        List<BenchmarkResult.Recommendation> out = new ArrayList<>();
        for (BenchmarkResult.QueryResult r : results) {
            if (r.error() != null) {
                out.add(new BenchmarkResult.Recommendation(r.name(), "high", "the query failed: " + r.error()));
                continue;
            }
            boolean jsonOp = r.sql().contains("@>") || r.sql().contains(" ? ");
            boolean gin = r.indexes().stream().anyMatch(i -> i.contains("gin") || i.contains("_gin"));
            if (r.p95Millis() > 100 && !r.usesIndex()) {
                out.add(new BenchmarkResult.Recommendation(r.name(), "high", String.format(Locale.ROOT,
                        "p95 %.1f ms without any index scan: add an index on the filtered/sorted columns", r.p95Millis())));
            }
            if (jsonOp && !gin && r.p95Millis() > 10) {
                out.add(new BenchmarkResult.Recommendation(r.name(), "high", "JSONB containment/existence without a GIN index in the plan: "
                        + "check ix_*_metadata_gin / ix_capabilities_input_schema_gin exist and are valid"));
            }
            if (r.sql().contains(" JOIN ") && r.p95Millis() > 50) {
                out.add(new BenchmarkResult.Recommendation(r.name(), r.p95Millis() > 200 ? "high" : "medium", String.format(Locale.ROOT,
                        "join at p95 %.1f ms: consider a covering index (optimize apply) or a materialized view", r.p95Millis())));
            }
            if (r.targetMillis() > 0 && r.p95Millis() > r.targetMillis()) {
                out.add(new BenchmarkResult.Recommendation(r.name(), "medium", String.format(Locale.ROOT,
                        "p95 %.1f ms is over the documented target %d ms", r.p95Millis(), r.targetMillis())));
            }
        }
        return out;
    }

    /**
     * Creates the extra indexes CONCURRENTLY on an autocommit connection and analyzes the tables. Each
     * statement is attempted; failures are reported (the CLI exits 1 when any failed). With {@code dryRun}
     * only lists them.
     */
    public ApplyResult apply(boolean dryRun) {
        List<ApplyResult.Statement> done = new ArrayList<>();
        if (dryRun) {
            optimizationStatements().forEach(s -> done.add(new ApplyResult.Statement(s.index(), s.sql(), ApplyResult.Outcome.PLANNED, null, 0)));
            return new ApplyResult(schema, true, done);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (ApplyResult.Statement s : optimizationStatements()) {
                long t0 = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    ApplyResult.Outcome outcome = ApplyResult.Outcome.APPLIED;
                    if (s.index() != null) {
                        Boolean valid = existingIndexValid(c, s.index());
                        if (Boolean.FALSE.equals(valid)) {
                            // a CONCURRENTLY build that was interrupted leaves an INVALID index that IF NOT EXISTS would keep
                            st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + SchemaNames.quote(schema) + "." + SchemaNames.quote(s.index()));
                            outcome = ApplyResult.Outcome.REBUILT;
                        } else if (Boolean.TRUE.equals(valid)) {
                            outcome = ApplyResult.Outcome.ALREADY_PRESENT;
                        }
                    }
                    st.execute(s.sql());
                    done.add(new ApplyResult.Statement(s.index(), s.sql(), outcome, null, (System.nanoTime() - t0) / 1_000_000));
                } catch (SQLException e) {
                    done.add(new ApplyResult.Statement(s.index(), s.sql(), ApplyResult.Outcome.FAILED, e.getMessage().replaceAll("\\s*\\n\\s*", " "),
                            (System.nanoTime() - t0) / 1_000_000));
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("optimize apply failed: " + e.getMessage(), e);
        }
        return new ApplyResult(schema, false, done);
    }

    /** Whether {@code table} of the schema is a TimescaleDB hypertable. */
    private boolean isHypertable(String table) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
                if (!rs.next()) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_schema = ? AND hypertable_name = ?")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("optimize: cannot inspect " + table + ": " + e.getMessage(), e);
        }
    }

    private Boolean existingIndexValid(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = ? AND i.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /** analyze + benchmark in one record (the {@code report} command). */
    public OptimizeReport report(int runs) {
        return new OptimizeReport(analyze(), benchmark(runs));
    }
}
