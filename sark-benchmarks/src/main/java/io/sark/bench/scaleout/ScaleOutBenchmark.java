package io.sark.bench.scaleout;

import io.sark.bench.Goals;
import io.sark.bench.Harness;
import io.sark.bench.LedgerRows;
import io.sark.bench.Rounds;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.CostBatchResult;
import io.sark.dao.model.NewCost;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The "scaleout" benchmark: the SDK on a Citus coordinator with workers against the SDK on a plain PostgreSQL
 * server, in one run, reporting Citus/plain ratios. Both servers are given as JDBC URLs
 * ({@value #PLAIN_URL}, {@value #CITUS_URL}); each gets a freshly migrated schema of its own, dropped at the end.
 * <ol>
 *   <li>bulk record: {@code costs().recordAll} of {@code sark.bench.scaleout.rows} rows (default 10,000; no
 *       idempotency keys, {@value LedgerRows#PRINCIPALS} principals) per server per round, the same rows on both;
 *       the server that goes first alternates, and each starts on a vacuumed ledger after a GC (as in
 *       {@code CostBenchmark});</li>
 *   <li>charges per second with {@value #THREADS} threads, spread over {@value #SPREAD} principals and on one hot
 *       principal: {@code budgets().tryCharge} and {@code budgets().charge}, four sides per round (method × server),
 *       the server that goes first alternating every round and the method every second round, after an untimed
 *       VACUUM and CHECKPOINT of both servers;</li>
 *   <li>a census of which SDK operations run single-shard on Citus ({@link ShardCensus}).</li>
 * </ol>
 * Reported per measure: the mean of each server, the ratio of the means, the median of the per-round ratios
 * (upper median for an even count) and the round ratios. Rounds and durations are system properties
 * ({@code sark.bench.scaleout.bulk-rounds}, {@code .charge-rounds}, {@code .charge-millis}); use an even number of
 * rounds (a multiple of 4 for charges) so that each server goes first equally often.
 */
public final class ScaleOutBenchmark implements Callable<Void> {

    public static final String PLAIN_URL = "sark.bench.plain-url";
    public static final String CITUS_URL = "sark.bench.citus-url";
    static final int BULK_ROWS = Integer.getInteger("sark.bench.scaleout.rows", 10_000);
    static final int BULK_ROUNDS = Integer.getInteger("sark.bench.scaleout.bulk-rounds", 10);
    static final int CHARGE_ROUNDS = Integer.getInteger("sark.bench.scaleout.charge-rounds", 8);
    static final long CHARGE_MILLIS = Long.getLong("sark.bench.scaleout.charge-millis", 2_000);
    static final int THREADS = 16;
    static final int SPREAD = 1_000;

    private static final BigDecimal AMOUNT = new BigDecimal("0.00012345");

    @Override
    public Void call() throws Exception {
        String plainUrl = required(PLAIN_URL);
        String citusUrl = required(CITUS_URL);
        try (Target plain = Target.open("plain", plainUrl, THREADS + 2);
             Target citus = Target.open("citus", citusUrl, THREADS + 2)) {
            if (plain.citus || !citus.citus) {
                throw new IllegalStateException("-D" + PLAIN_URL + " must name a database without the citus extension and -D"
                        + CITUS_URL + " one with it (plain: " + plain.citus + ", citus: " + citus.citus + ")");
            }
            System.out.println(plain.describe());
            System.out.println(citus.describe());
            Target[] both = {plain, citus};
            bulk(both);
            for (Target t : both) {
                t.quiesce();
            }
            charges(both);
            ShardCensus.run(citus, BULK_ROWS);
        }
        return null;
    }

    /** Whether both server URLs are set, i.e. whether {@link #call} can run rather than fail at once. */
    public static boolean configured() {
        return given(PLAIN_URL) && given(CITUS_URL);
    }

    private static boolean given(String property) {
        String v = System.getProperty(property);
        return v != null && !v.isBlank();
    }

    private static String required(String property) {
        if (!given(property)) {
            throw new IllegalArgumentException("set -D" + property + "=jdbc:postgresql://… (see docs/performance.md, \"Scale-out\")");
        }
        return System.getProperty(property);
    }

    // ------------------------------------------------------------------------------------------ bulk

    private static void bulk(Target[] both) throws Exception {
        for (Target t : both) { // warm-up, one small batch each
            t.db.costs().recordAll(LedgerRows.batch(Math.min(BULK_ROWS, 2_000), 100, "bulk"));
        }
        double[][] rate = new double[2][BULK_ROUNDS];
        for (int round = 0; round < BULK_ROUNDS; round++) {
            List<NewCost> rows = LedgerRows.batch(BULK_ROWS, round, "bulk"); // the same rows on both servers
            for (int k = 0; k < 2; k++) {
                int side = (k + round) % 2;
                Target t = both[side];
                t.vacuumLedger();
                System.gc();
                long t0 = System.nanoTime();
                CostBatchResult r = t.db.costs().recordAll(rows);
                rate[side][round] = BULK_ROWS / ((System.nanoTime() - t0) / 1e9);
                if (r.inserted() != BULK_ROWS) {
                    throw new IllegalStateException(t.name + " bulk round wrote " + r);
                }
            }
        }
        report(String.format(Locale.ROOT, "bulk record, %,d rows per round", BULK_ROWS), "rows/s", rate[0], rate[1]);
    }

    // ------------------------------------------------------------------------------------------ charges

    @FunctionalInterface
    private interface Charge {
        boolean accepted(Target t, String principal);
    }

    private static void charges(Target[] both) throws Exception {
        BudgetLimits unlimited = BudgetLimits.of("USD").daily("1000000000").monthly("1000000000");
        for (Target t : both) {
            for (int i = 0; i < SPREAD; i++) {
                t.db.budgets().setLimits("spread-" + i, unlimited);
            }
            t.db.budgets().setLimits("hot", unlimited);
        }
        String[] methods = {"tryCharge", "charge"};
        Charge[] charge = {
            (t, p) -> t.db.budgets().tryCharge(p, AMOUNT, "USD"),
            (t, p) -> t.db.budgets().charge(p, AMOUNT, "USD").accepted()
        };
        for (boolean hot : new boolean[] {false, true}) {
            String load = hot ? "hot principal" : "spread over " + SPREAD + " principals";
            for (int m = 0; m < 2; m++) {
                for (Target t : both) {
                    rate(t, charge[m], hot, Math.min(CHARGE_MILLIS, 1_000)); // warm-up
                }
            }
            double[][][] rate = new double[2][2][CHARGE_ROUNDS]; // [method][server][round]
            for (int round = 0; round < CHARGE_ROUNDS; round++) {
                for (int k = 0; k < 4; k++) {
                    int m = ((k / 2) + (round / 2)) % 2; // method order flips every second round
                    int side = ((k % 2) + round) % 2;    // server order flips every round
                    rate[m][side][round] = rate(both[side], charge[m], hot, CHARGE_MILLIS);
                }
            }
            for (int m = 0; m < 2; m++) {
                report(String.format(Locale.ROOT, "%s/s, %d threads, %s", methods[m], THREADS, load), "charges/s",
                        rate[m][0], rate[m][1]);
            }
        }
    }

    private static double rate(Target t, Charge charge, boolean hot, long millis) throws Exception {
        return Harness.throughput(THREADS, millis, i -> {
            if (!charge.accepted(t, hot ? "hot" : "spread-" + (i % SPREAD))) {
                throw new IllegalStateException(t.name + ": charge refused");
            }
        });
    }

    // ------------------------------------------------------------------------------------------ report

    private static void report(String measure, String unit, double[] plain, double[] citus) {
        double[] ratios = Rounds.ratios(citus, plain);
        double median = Rounds.median(ratios);
        System.out.printf(Locale.ROOT, "%s: plain %,.0f %s, citus %,.0f %s (means of %d rounds);"
                        + " citus/plain: ratio of means %.2fx, median round ratio %.2fx, rounds %s%n",
                measure, Rounds.mean(plain), unit, Rounds.mean(citus), unit, plain.length,
                Rounds.mean(citus) / Rounds.mean(plain), median, Rounds.format(ratios));
        Goals.ratio("citus/plain " + measure, median, "figure only");
    }
}
