package io.sark.bench.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sark.bench.Goals;
import io.sark.bench.Harness;
import io.sark.bench.Jdbc;
import io.sark.bench.Rounds;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.NewCost;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * The "metrics" benchmark: what Micrometer metrics cost the fast paths. The same operations run on one database
 * through three views of one pool: metrics off ({@code SarkDatabase.using(ds)}), counters on
 * ({@code withMetrics(registry)}), counters and per-operation timers on ({@code withMetrics(registry, true)}).
 * Each round runs every side of one operation for {@value #MILLIS} ms with {@value #THREADS} threads, the order of
 * the sides rotating from round to round; the report gives throughputs and the per-round ratios to "off" with their
 * median. Operations: {@code budgets().tryCharge} and {@code budgets().charge} over {@value #SPREAD} principals, and
 * {@code costs().record} without an idempotency key.
 */
public final class MetricsBenchmark implements Callable<Void> {

    static final int THREADS = 8;
    static final int SPREAD = 1_000;
    static final long MILLIS = 2_000;
    static final int ROUNDS = 9;

    @Override
    public Void call() throws Exception {
        try (TestDatabase tdb = SarkTestDatabases.shared().create()) {
            DataSource ds = tdb.dataSource();
            SarkDatabase off = SarkDatabase.using(ds);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Map<String, SarkDatabase> sides = new LinkedHashMap<>();
            sides.put("off", off);
            sides.put("counters", off.withMetrics(registry));
            sides.put("timers", off.withMetrics(registry, true));
            for (int i = 0; i < SPREAD; i++) {
                off.budgets().setLimits("m-" + i, BudgetLimits.of("USD").daily("1000000000").monthly("1000000000"));
            }
            BigDecimal cent = new BigDecimal("0.01");
            System.out.println("database: " + tdb + "; " + THREADS + " threads, " + MILLIS + " ms per side, " + ROUNDS + " rounds");
            run("tryCharge", sides, db -> i -> db.budgets().tryCharge("m-" + (i % SPREAD), cent, "USD"));
            run("charge", sides, db -> i -> db.budgets().charge("m-" + (i % SPREAD), cent, "USD"));
            Jdbc.exec(ds, "vacuum (analyze) sark.cost_tracking, sark.principal_budgets");
            run("costs().record", sides, db -> i -> db.costs().record(NewCost.of("m-" + (i % SPREAD), "r", "c").actual(cent)));
        }
        return null;
    }

    interface OpFactory {
        Harness.Op on(SarkDatabase db);
    }

    private static void run(String name, Map<String, SarkDatabase> sides, OpFactory op) throws Exception {
        List<String> names = List.copyOf(sides.keySet());
        for (String side : names) {
            Harness.throughput(THREADS, MILLIS / 2, op.on(sides.get(side))); // warm-up of each side
        }
        Map<String, double[]> perSecond = new LinkedHashMap<>();
        names.forEach(n -> perSecond.put(n, new double[ROUNDS]));
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < names.size(); k++) {
                String side = names.get((round + k) % names.size());
                perSecond.get(side)[round] = Harness.throughput(THREADS, MILLIS, op.on(sides.get(side)));
            }
        }
        System.out.printf(Locale.ROOT, "%s: off %,.0f/s, counters %,.0f/s, timers %,.0f/s (medians)%n", name,
                Rounds.median(perSecond.get("off")), Rounds.median(perSecond.get("counters")), Rounds.median(perSecond.get("timers")));
        for (String side : List.of("counters", "timers")) {
            double[] r = Rounds.ratios(perSecond.get(side), perSecond.get("off"));
            double median = Rounds.median(r);
            System.out.printf(Locale.ROOT, "  %s: %s / off per round %s, median %.3f (%+.1f%%)%n", name, side, Rounds.format(r),
                    median, (median - 1) * 100);
            Goals.ratio(name + " metrics " + side + " vs off", median, ">= 0.98");
        }
    }
}
