package io.sark.bench;

import io.sark.bench.scaleout.ScaleOutBenchmark;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the named benchmarks: {@code java -cp ... io.sark.bench.BenchmarkMain all} runs every one (scaleout only
 * when {@code -Dsark.bench.plain-url} and {@code -Dsark.bench.citus-url} are set, and reports it skipped otherwise),
 * {@code BenchmarkMain dao costs} the ones named; also {@code mvn -q -pl sark-benchmarks exec:java -Dexec.args=all}.
 * With no argument, lists them. Each benchmark prints its own report (figures go to docs/performance.md); the run
 * ends with {@code == summary} and one line per measure held against a goal ({@link Goals}).
 */
public final class BenchmarkMain {

    /** The argument that runs every registered benchmark, in registration order. */
    static final String ALL = "all";

    /** What scaleout needs to run: the JDBC URLs of a plain PostgreSQL server and of a Citus coordinator. */
    private static final String SCALEOUT_NEEDS = "-D" + ScaleOutBenchmark.PLAIN_URL + " and -D" + ScaleOutBenchmark.CITUS_URL;

    private BenchmarkMain() {
    }

    /** Registered benchmarks, by name, in the order {@code all} runs them. Each adds itself here. */
    static Map<String, Callable<Void>> benchmarks() {
        Map<String, Callable<Void>> all = new LinkedHashMap<>();
        all.put("dao", new io.sark.bench.dao.DaoBenchmark());
        all.put("costs", new io.sark.bench.cost.CostBenchmark());
        all.put("migration", new io.sark.bench.migration.MigrationBenchmark());
        all.put("metrics", new io.sark.bench.metrics.MetricsBenchmark());
        all.put("scaleout", new ScaleOutBenchmark()); // last: needs two servers of its own, see runAll
        return all;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Callable<Void>> all = benchmarks();
        if (args.length == 0) {
            System.out.println("benchmarks: " + String.join(", ", all.keySet()) + "; " + ALL + " runs every one (scaleout only with "
                    + SCALEOUT_NEEDS + ")");
            return;
        }
        for (String name : Arrays.stream(args).flatMap(a -> Arrays.stream(a.split("[ ,]+"))).toList()) {
            if (ALL.equals(name)) {
                runAll(all);
                continue;
            }
            Callable<Void> b = all.get(name);
            if (b == null) {
                System.err.println("unknown benchmark: " + name + " (known: " + String.join(", ", all.keySet()) + ", " + ALL + ")");
                System.exit(2);
            }
            run(name, b);
        }
        System.out.println("== summary");
        Goals.lines().forEach(System.out::println);
        System.exit(0);
    }

    /** Runs every registered benchmark; scaleout without its servers is reported skipped (also in the summary). */
    private static void runAll(Map<String, Callable<Void>> all) throws Exception {
        for (Map.Entry<String, Callable<Void>> e : all.entrySet()) {
            if (e.getValue() instanceof ScaleOutBenchmark && !ScaleOutBenchmark.configured()) {
                System.out.println(Goals.skipped(e.getKey(), "needs " + SCALEOUT_NEEDS + " (bash .ci/platform/postgres.sh up pg15 && bash .ci/platform/postgres.sh up citus)"));
            } else {
                run(e.getKey(), e.getValue());
            }
        }
    }

    private static void run(String name, Callable<Void> benchmark) throws Exception {
        System.out.println("=== " + name);
        benchmark.call();
    }
}
