package io.sark.testkit.bench;

import io.sark.testkit.EmbeddedPostgresServer;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import io.sark.testkit.TestkitSettings;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Testkit figures for docs/performance.md ("Testkit"): embedded cold start, template build, and clone time of
 * {@link SarkTestDatabases#create()} next to the raw baseline ({@code CREATE DATABASE ... TEMPLATE} over one
 * plain JDBC connection) in the same run, for both clone strategies. Interleaved, after a warm-up.
 *
 * <pre>
 * mvn -o -q -pl sark-testkit test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sark.testkit.bench.CloneBenchmark [-Dexec.args="iterations"]
 * </pre>
 */
public final class CloneBenchmark {

    private CloneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmup = 10;

        long t0 = System.nanoTime();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        double firstStart = ms(System.nanoTime() - t0);
        double[] restarts = new double[3];
        for (int i = 0; i < restarts.length; i++) {
            long s = System.nanoTime();
            try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start()) {
                restarts[i] = ms(System.nanoTime() - s);
            }
        }
        System.out.printf(Locale.ROOT, "embedded start: first in JVM %.0f ms; later starts %s ms%n", firstStart,
                Arrays.toString(Arrays.stream(restarts).map(Math::rint).toArray()));

        try (server;
             SarkTestDatabases fileCopy = new SarkTestDatabases(server, TestkitSettings.of(Map.of(TestkitSettings.CLONE_STRATEGY, "file_copy")));
             SarkTestDatabases walLog = new SarkTestDatabases(server, TestkitSettings.of(Map.of(TestkitSettings.CLONE_STRATEGY, "wal_log")));
             Connection raw = server.connect("postgres")) {
            long s = System.nanoTime();
            fileCopy.create().close();
            System.out.printf(Locale.ROOT, "template build (create + migrate V1-V9) + first clone: %.0f ms%n", ms(System.nanoTime() - s));
            walLog.create().close();
            String template = fileCopy.databaseNames().stream().filter(n -> n.contains("_tpl_")).findFirst().orElseThrow();

            double[][] samples = new double[6][iterations];
            for (int i = -warmup; i < iterations; i++) {
                double[] r = {
                    timeCreate(fileCopy), timeCreate(walLog),
                    timeRaw(raw, template, "FILE_COPY", "bench_fc_" + (i + warmup), true),
                    timeRaw(raw, template, "WAL_LOG", "bench_wl_" + (i + warmup), true),
                    timeRaw(raw, template, "FILE_COPY", "bench_fd_" + (i + warmup), false),
                    timeRaw(raw, template, "WAL_LOG", "bench_wd_" + (i + warmup), false)};
                if (i >= 0) {
                    for (int k = 0; k < r.length; k++) {
                        samples[k][i] = r[k];
                    }
                }
            }
            String[] names = {
                "testkit create() FILE_COPY", "testkit create() WAL_LOG",
                "raw CREATE DATABASE FILE_COPY", "raw CREATE DATABASE WAL_LOG",
                "raw DROP DATABASE (FILE_COPY clone)", "raw DROP DATABASE (WAL_LOG clone)"};
            for (int k = 0; k < names.length; k++) {
                System.out.printf(Locale.ROOT, "%-40s n=%d median %6.1f ms  p90 %6.1f ms%n", names[k], iterations,
                        percentile(samples[k], 50), percentile(samples[k], 90));
            }
            System.out.printf(Locale.ROOT, "ratio testkit/raw (median, FILE_COPY): %.2fx%n",
                    percentile(samples[0], 50) / percentile(samples[2], 50));
        }
        System.exit(0);
    }

    private static double timeCreate(SarkTestDatabases databases) {
        long s = System.nanoTime();
        TestDatabase db = databases.create();
        double elapsed = ms(System.nanoTime() - s);
        db.close();
        return elapsed;
    }

    /** Times CREATE (create=true) or DROP (create=false) of one raw clone; the other half is untimed. */
    private static double timeRaw(Connection c, String template, String strategy, String name, boolean timeCreate)
            throws Exception {
        try (Statement st = c.createStatement()) {
            long s = System.nanoTime();
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + template + " STRATEGY " + strategy);
            double create = ms(System.nanoTime() - s);
            s = System.nanoTime();
            st.execute("DROP DATABASE " + name);
            double drop = ms(System.nanoTime() - s);
            return timeCreate ? create : drop;
        }
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
