package io.sark.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the named benchmarks: {@code mvn -q -pl sark-benchmarks exec:java -Dexec.args="dao costs"}.
 * With no argument, lists them. Each benchmark prints its own report (figures go to docs/performance.md).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /** Registered benchmarks, by name. Each adds itself here. */
    static Map<String, Callable<Void>> benchmarks() {
        Map<String, Callable<Void>> all = new LinkedHashMap<>();
        all.put("dao", new io.sark.bench.dao.DaoBenchmark());
        all.put("costs", new io.sark.bench.cost.CostBenchmark());
        all.put("migration", new io.sark.bench.migration.MigrationBenchmark());
        all.put("scaleout", new io.sark.bench.scaleout.ScaleOutBenchmark());
        all.put("metrics", new io.sark.bench.metrics.MetricsBenchmark());
        return all;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Callable<Void>> all = benchmarks();
        if (args.length == 0) {
            System.out.println("benchmarks: " + String.join(", ", all.keySet()));
            return;
        }
        for (String name : Arrays.stream(args).flatMap(a -> Arrays.stream(a.split("[ ,]+"))).toList()) {
            Callable<Void> b = all.get(name);
            if (b == null) {
                System.err.println("unknown benchmark: " + name + " (known: " + String.join(", ", all.keySet()) + ")");
                System.exit(2);
            }
            System.out.println("=== " + name);
            b.call();
        }
        System.exit(0);
    }
}
