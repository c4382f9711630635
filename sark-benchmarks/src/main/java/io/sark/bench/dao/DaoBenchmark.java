package io.sark.bench.dao;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.bench.Goals;
import io.sark.bench.Harness;
import io.sark.bench.Samples;
import io.sark.dao.CapabilityDao;
import io.sark.dao.ResourceDao;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.Resource;
import io.sark.dao.model.SensitivityLevel;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.EmbeddedPostgresServer;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * DAO benchmark ({@code mvn -o -q -pl sark-benchmarks exec:java -Dexec.args=dao}): seeds 100k resources, 1M
 * capabilities and 200k ledger rows on embedded PostgreSQL, compares {@code ResourceDao.findById} with the same
 * lookup in raw JDBC on the same pool (p50/p95/p99 and ratio), and times the reference's eight catalogue patterns,
 * printing the EXPLAIN plan of the exact SQL each DAO method sends.
 */
public final class DaoBenchmark implements Callable<Void> {

    static final int RESOURCES = Integer.getInteger("sark.bench.resources", 100_000);
    static final int CAPS_PER_RESOURCE = Integer.getInteger("sark.bench.capsPerResource", 10);
    static final int COST_ROWS = Integer.getInteger("sark.bench.costRows", 200_000);

    @Override
    public Void call() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
                SarkTestDatabases databases = new SarkTestDatabases(server);
                TestDatabase tdb = databases.create()) {
            System.out.println("server: " + server.description() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
            seed(tdb.dsl());
            DataSource ds = tdb.dataSource();
            SarkDatabase db = SarkDatabase.using(ds);
            findById(db, ds);
            patterns(db, ds);
        }
        return null;
    }

    private static void seed(DSLContext dsl) {
        long t0 = System.nanoTime();
        dsl.execute("SET maintenance_work_mem = '256MB'");
        dsl.execute("INSERT INTO resources (id, name, protocol, endpoint, sensitivity_level, metadata) "
                + "SELECT 'res-' || g, 'resource-' || lpad((g * 7919 % " + RESOURCES + ")::text, 7, '0'), "
                + "(ARRAY['mcp','mcp','mcp','mcp','http','http','http','grpc','grpc','graphql','websocket'])[1 + g % 11], "
                + "'https://r' || g || '.example', (ARRAY['low','medium','high','critical'])[1 + g % 4], "
                + "jsonb_build_object('transport', (ARRAY['stdio','http','sse'])[1 + g % 3], "
                + "'status', CASE WHEN g % 5 = 0 THEN 'inactive' ELSE 'active' END, 'owner', 'team-' || (g % 500), 'n', g) "
                + "FROM generate_series(1, " + RESOURCES + ") g");
        dsl.execute("INSERT INTO capabilities (id, resource_id, name, description, input_schema, sensitivity_level, metadata) "
                + "SELECT 'cap-' || r || '-' || c, 'res-' || r, 'tool-' || lpad(((r * 31 + c * 7) % 50000)::text, 5, '0'), 'd', "
                + "CASE WHEN c % 10 = 0 THEN '{\"type\":\"object\",\"required\":[\"path\"]}'::jsonb "
                + "     WHEN c % 3 = 0 THEN '{\"type\":\"string\"}'::jsonb ELSE '{\"type\":\"object\"}'::jsonb END, "
                + "(ARRAY['low','low','low','low','medium','medium','medium','high','high','critical'])[1 + (r + c) % 10], "
                + "jsonb_build_object('c', c) "
                + "FROM generate_series(1, " + RESOURCES + ") r, generate_series(1, " + CAPS_PER_RESOURCE + ") c");
        dsl.execute("INSERT INTO principal_budgets (principal_id) SELECT 'principal-' || g FROM generate_series(1, 100) g");
        dsl.execute("INSERT INTO cost_tracking (\"timestamp\", principal_id, resource_id, capability_id, actual_cost, currency) "
                + "SELECT now() - (g % 10080) * interval '1 minute', 'principal-' || (1 + g % 100), "
                + "'res-' || (1 + g % " + RESOURCES + "), 'cap-' || (1 + g % " + RESOURCES + ") || '-1', (g % 1000) / 10000.0, 'USD' "
                + "FROM generate_series(1, " + COST_ROWS + ") g");
        dsl.execute("VACUUM ANALYZE resources");
        dsl.execute("VACUUM ANALYZE capabilities");
        dsl.execute("VACUUM ANALYZE cost_tracking");
        visibility(dsl, "after VACUUM ANALYZE");
        // The first VACUUM after a bulk load sets hint bits but can leave the visibility map empty (seen on PG 15:
        // relallvisible = 0), so index-only scans would still visit the heap and the planner avoids them. A second
        // pass sets it: the steady state autovacuum keeps for a read-mostly catalogue.
        dsl.execute("VACUUM resources");
        dsl.execute("VACUUM capabilities");
        dsl.execute("VACUUM cost_tracking");
        visibility(dsl, "after a second VACUUM");
        System.out.printf(Locale.ROOT, "seeded %,d resources, %,d capabilities, %,d ledger rows in %.1f s%n", RESOURCES,
                (long) RESOURCES * CAPS_PER_RESOURCE, COST_ROWS, (System.nanoTime() - t0) / 1e9);
    }

    private static void visibility(DSLContext dsl, String when) {
        dsl.resultQuery("SELECT relname, relpages, relallvisible FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                + "AND relname IN ('resources', 'capabilities', 'cost_tracking') ORDER BY relname").fetch()
                .forEach(r -> System.out.printf(Locale.ROOT, "%s: %s: %,d pages, %,d all-visible%n", when, r.get(0),
                        r.get(1, Long.class), r.get(2, Long.class)));
    }

    private static void findById(SarkDatabase db, DataSource ds) throws Exception {
        String sql = "SELECT id, name, protocol, endpoint, sensitivity_level, metadata, created_at, updated_at FROM sark.resources WHERE id = ?";
        System.out.println("\n## findById: ResourceDao.findById vs raw JDBC PreparedStatement (same pool, same mapping to Resource)");
        Harness.Comparison c = Harness.compare("findById", 50_000, 20_000,
                i -> {
                    if (db.resources().findById("res-" + (1 + (i * 7919L) % RESOURCES)).isEmpty()) {
                        throw new IllegalStateException("missing");
                    }
                },
                i -> {
                    try (Connection con = ds.getConnection(); PreparedStatement ps = con.prepareStatement(sql)) {
                        ps.setString(1, "res-" + (1 + (i * 7919L) % RESOURCES));
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException("missing");
                            }
                            Resource r = new Resource(rs.getString(1), rs.getString(2), new Protocol(rs.getString(3)), rs.getString(4),
                                    SensitivityLevel.parse(rs.getString(5)), SarkJson.parse(rs.getString(6)),
                                    rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getObject(8, OffsetDateTime.class).toInstant());
                            if (r.id() == null) {
                                throw new IllegalStateException();
                            }
                        }
                    }
                });
        System.out.println(c.report());
        Goals.ratio("findById p50", c.ratioP50(), "<= 1.15");
    }

    private record Pattern(String name, Consumer<Daos> call) {
    }

    private record Daos(ResourceDao resources, CapabilityDao capabilities) {
    }

    private static void patterns(SarkDatabase db, DataSource ds) throws Exception {
        JsonNode stdio = SarkJson.parse("{\"transport\": \"stdio\"}");
        JsonNode nothing = SarkJson.parse("{\"transport\": \"carrier-pigeon\"}");
        Instant now = Instant.now();
        List<Pattern> patterns = List.of(
                new Pattern("1 list_resources_by_protocol (mcp, first page of 100)", d -> d.resources().listByProtocol(Protocol.MCP, 100)),
                new Pattern("2 search_resources_by_metadata {transport: stdio}", d -> d.resources().searchByMetadata(stdio, 100)),
                new Pattern("2b search_resources_by_metadata, matches nothing", d -> d.resources().searchByMetadata(nothing, 100)),
                new Pattern("3 list_capabilities_with_resources (mcp)", d -> d.capabilities().listWithResources(Protocol.MCP, 100)),
                new Pattern("4 high_sensitivity_capabilities", d -> d.capabilities().listHighSensitivity(100)),
                new Pattern("5 search_capabilities_by_input_schema ? 'required'", d -> d.capabilities().searchByInputSchemaKey("required", 100)),
                new Pattern("6 count_capabilities_per_protocol", d -> d.capabilities().countPerProtocol()),
                new Pattern("7 cross_protocol_capabilities (mcp,http,grpc; >= medium)",
                        d -> d.capabilities().listAcrossProtocols(Set.of(Protocol.MCP, Protocol.HTTP, Protocol.GRPC), SensitivityLevel.MEDIUM, 100)),
                new Pattern("8 resource_cost_analysis (last 24 h, top 50)", d -> d.resources().spendByResource(now.minusSeconds(86_400), now, 50)));

        // SQL capture: the same DAO classes over connections that record each statement with its values inlined
        List<String> captured = new ArrayList<>();
        SarkDatabase capturingDb = SarkDatabase.using(SqlCapture.capturing(ds, captured));
        Daos capture = new Daos(capturingDb.resources(), capturingDb.capabilities());
        Daos real = new Daos(db.resources(), db.capabilities());

        System.out.println("\n## The eight reference patterns (reference §5) through the DAO");
        List<String> summary = new ArrayList<>();
        for (Pattern p : patterns) {
            p.call().accept(real); // first call warms the code path up
            long probe = System.nanoTime();
            p.call().accept(real);
            boolean heavy = System.nanoTime() - probe > 100_000_000L; // > 100 ms when warm: fewer iterations
            Samples s = Harness.time(p.name(), heavy ? 1 : 10, heavy ? 10 : 200, i -> p.call().accept(real));
            captured.clear();
            p.call().accept(capture);
            String sql = captured.get(captured.size() - 1);
            String plan = explain(ds, sql);
            Samples raw = Harness.time(p.name() + " (raw SQL)", heavy ? 1 : 10, heavy ? 10 : 200, i -> drain(ds, sql));
            boolean index = plan.contains("Index Scan") || plan.contains("Index Only Scan") || plan.contains("Bitmap Index Scan");
            // pattern 6 reads the few rows of the maintained counts (V8), which need no index
            String access = index ? "yes" : plan.contains("catalogue_counts") ? "maintained counts" : "NO";
            System.out.println("\n### " + p.name());
            System.out.println(s.summary() + (index ? "  [uses an index]" : "maintained counts".equals(access) ? "  [reads the maintained counts]" : "  [NO INDEX]"));
            System.out.println(raw.summary() + "  [the DAO's SQL, values inlined, plain JDBC]");
            System.out.println("SQL: " + sql);
            System.out.println(plan);
            summary.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f / %.3f | %s |", p.name(), s.percentileMillis(50),
                    s.percentileMillis(95), s.percentileMillis(99), raw.percentileMillis(50), raw.percentileMillis(95), access));
            Goals.p95("pattern " + p.name(), s.percentileMillis(95));
        }
        System.out.println("\n| pattern | p50 ms | p95 ms | p99 ms | raw SQL p50 / p95 ms | index |\n|---|---|---|---|---|---|");
        summary.forEach(System.out::println);
    }

    /** Runs {@code sql} (values inlined) through a plain JDBC statement, parsed and planned on every call, and reads every row. */
    private static void drain(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getString(i);
                }
            }
        }
    }

    private static String explain(DataSource ds, String sql) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) " + sql)) {
            while (rs.next()) {
                sb.append("    ").append(rs.getString(1)).append('\n');
            }
        }
        return sb.toString();
    }
}
