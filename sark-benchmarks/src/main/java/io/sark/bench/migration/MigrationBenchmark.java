package io.sark.bench.migration;

import io.sark.bench.Goals;
import io.sark.migration.ExecuteResult;
import io.sark.migration.ShapeDetection;
import io.sark.migration.V1ToV2Migration;
import io.sark.migration.internal.Mapping;
import io.sark.schema.SarkSchema;
import io.sark.testkit.EmbeddedPostgresServer;
import io.sark.testkit.v1.V1Dataset;
import io.sark.testkit.v1.V1DatasetSummary;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * "migration": {@code V1ToV2Migration.execute()} (page-window batches in physical order, one transaction each,
 * checkpoint and per-row provenance) against one hand-written {@code INSERT ... SELECT} of the same mapping, on the same database and
 * v1 data, into two empty SDK schemas. Sizes: {@code -Dsark.bench.migration.servers=100000}
 * {@code -Dsark.bench.migration.tools=10} (1M tools), {@code -Dsark.bench.migration.batch=10000}.
 */
public final class MigrationBenchmark implements Callable<Void> {

    @Override
    public Void call() throws Exception {
        int servers = Integer.getInteger("sark.bench.migration.servers", 100_000);
        int tools = Integer.getInteger("sark.bench.migration.tools", 10);
        int batch = Integer.getInteger("sark.bench.migration.batch", V1ToV2Migration.DEFAULT_BATCH_SIZE);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE bench_migration");
            }
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(server.jdbcUrl("bench_migration"));
            ds.setUser(server.username());
            ds.setPassword(server.password());
            V1DatasetSummary data = V1Dataset.builder().schema("public").servers(servers).toolsPerServer(tools).build().create(ds);
            System.out.printf(Locale.ROOT, "v1 dataset: %,d servers, %,d tools (COPY, %,d ms)%n", data.servers(), data.tools(), data.millis());
            SarkSchema.configure().dataSource(ds).schema("baseline").load().migrate();
            SarkSchema.configure().dataSource(ds).schema("sark").load().migrate();
            long rows = data.servers() + data.tools();

            // baseline: one INSERT ... SELECT per table, the same mapping, one transaction, nothing else
            long t0 = System.nanoTime();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("SET LOCAL TimeZone TO 'UTC'");
                ShapeDetection shape = V1ToV2Migration.detectShape(c, "public");
                Mapping m = new Mapping("public", shape);
                st.execute("INSERT INTO baseline.resources (" + Mapping.RESOURCE_COLUMNS + ") SELECT " + Mapping.RESOURCE_COLUMNS
                        + " FROM (" + m.serversSelect(null, null) + ") src");
                st.execute("INSERT INTO baseline.capabilities (" + Mapping.CAPABILITY_COLUMNS + ") SELECT " + Mapping.CAPABILITY_COLUMNS
                        + " FROM (" + m.toolsSelect(null, null) + ") src");
                c.commit();
            }
            double baselineMs = (System.nanoTime() - t0) / 1e6;

            ExecuteResult r = V1ToV2Migration.builder().dataSource(ds).v1Schema("public").targetSchema("sark").batchSize(batch).build().execute();
            double oursMs = r.millis();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM baseline.capabilities t) = "
                         + "(SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM sark.capabilities t)")) {
                rs.next();
                System.out.println("same capabilities rows in both schemas: " + rs.getBoolean(1));
            }
            System.out.printf(Locale.ROOT, "%-48s %,10.0f ms %,12.0f rows/s%n", "hand-written INSERT ... SELECT (1 transaction)", baselineMs,
                    rows * 1000 / baselineMs);
            System.out.printf(Locale.ROOT, "%-48s %,10.0f ms %,12.0f rows/s  (%d batches of %,d)%n", "V1ToV2Migration.execute()", oursMs,
                    rows * 1000 / oursMs, r.batches(), batch);
            double ratio = baselineMs / oursMs;
            System.out.printf(Locale.ROOT, "throughput ratio execute/baseline: %.2fx (goal >= 1.0x)%n", ratio);
            Goals.ratio("migration execute vs INSERT...SELECT", ratio, ">= 1.0");
        }
        return null;
    }
}
