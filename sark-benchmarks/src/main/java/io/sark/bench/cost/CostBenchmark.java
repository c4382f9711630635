package io.sark.bench.cost;

import io.sark.bench.Goals;
import io.sark.bench.Harness;
import io.sark.bench.Jdbc;
import io.sark.bench.LedgerRows;
import io.sark.bench.Rounds;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.CostBatchResult;
import io.sark.dao.model.NewCost;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The "costs" benchmark: SDK vs raw pgjdbc in the same run on one embedded PostgreSQL database.
 * <ol>
 *   <li>bulk record: {@code costs().recordAll} (COPY path) vs a hand-written {@code CopyManager.copyIn} of the same
 *       rows into the same table, {@value #BULK_ROWS} rows per side per round, {@value #BULK_ROUNDS} rounds, the
 *       side that goes first alternating and each side starting on a vacuumed table;</li>
 *   <li>single record: {@code costs().record} vs a prepared INSERT (p50/p99);</li>
 *   <li>charges per second with 16 and 64 threads, spread over {@value #SPREAD} principals and on one hot
 *       principal: {@code budgets().tryCharge} (the decision only, like the raw statement's row count) and
 *       {@code budgets().charge} (which also reads the new figures back) vs the raw conditional
 *       {@code UPDATE ... WHERE spent + x <= limit}; the three sides run in rotated order in each round.</li>
 * </ol>
 */
public final class CostBenchmark implements Callable<Void> {

    static final int BULK_ROWS = 200_000;
    static final int BULK_ROUNDS = 5;
    static final int THREADS = 16;
    /** Charges are measured with 16 and with 64 threads (a hot principal's batches grow with the callers). */
    static final int[] THREAD_COUNTS = {THREADS, 64};
    static final int SPREAD = 1_000;
    static final long CHARGE_MILLIS = 2_000;
    static final int CHARGE_ROUNDS = 9;
    /** Warm-up per side and thread count: with 1 s the first rounds still paid for JIT compilation, most on the SDK side. */
    static final long WARM_UP_MILLIS = 5_000;

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    @Override
    public Void call() throws Exception {
        try (TestDatabase tdb = SarkTestDatabases.shared().create()) {
            DataSource ds = tdb.dataSource();
            SarkDatabase db = SarkDatabase.using(ds);
            System.out.println("database: " + tdb);
            bulk(db, ds);
            single(db, ds);
            quiesce(ds);
            charges(db, ds);
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ bulk

    private static List<NewCost> rows(int round, String side) {
        return LedgerRows.batch(BULK_ROWS, round, "bulk-" + side);
    }

    private static long rawCopy(DataSource ds, List<NewCost> rows) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY sark.cost_tracking (\"timestamp\", principal_id, resource_id, capability_id, estimated_cost,"
                            + " actual_cost, currency, idempotency_key, metadata) FROM STDIN");
            StringBuilder sb = new StringBuilder(1 << 17);
            for (NewCost r : rows) {
                sb.append(TS.format(r.timestamp().atOffset(ZoneOffset.UTC))).append('\t').append(r.principalId()).append('\t')
                        .append(r.resourceId()).append('\t').append(r.capabilityId()).append("\t\\N\t")
                        .append(r.actualCost().toPlainString()).append('\t').append(r.currency()).append("\t\\N\t")
                        .append(SarkJson.write(r.metadata())).append('\n');
                if (sb.length() >= 1 << 16) {
                    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(b, 0, b.length);
                    sb.setLength(0);
                }
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(b, 0, b.length);
            long n = in.endCopy();
            c.commit();
            return n;
        }
    }

    private static void bulk(SarkDatabase db, DataSource ds) throws Exception {
        // budget rows of the raw side's principals exist beforehand (the SDK creates its own in the batch)
        Jdbc.exec(ds, "insert into sark.principal_budgets (principal_id) select 'bulk-raw-' || g from generate_series(0, 499) g");
        // warm-up, one small batch each
        db.costs().recordAll(rows(100, "sdk").subList(0, 20_000));
        rawCopy(ds, rows(100, "raw").subList(0, 20_000));
        double[] sdk = new double[BULK_ROUNDS];
        double[] raw = new double[BULK_ROUNDS];
        for (int round = 0; round < BULK_ROUNDS; round++) {
            List<NewCost> a = rows(round, "sdk");
            List<NewCost> b = rows(round, "raw");
            CostBatchResult r = null;
            long n = 0;
            // alternate which side goes first; each starts on a vacuumed table, so neither pays for autovacuum
            // working through the other's 200k fresh rows, and after a GC, so neither pays for collecting the
            // 400k rows just built (untimed)
            for (int k = 0; k < 2; k++) {
                Jdbc.exec(ds, "vacuum (analyze) sark.cost_tracking");
                System.gc();
                long t0 = System.nanoTime();
                if ((k + round) % 2 == 0) {
                    r = db.costs().recordAll(a);
                    sdk[round] = BULK_ROWS / ((System.nanoTime() - t0) / 1e9);
                } else {
                    n = rawCopy(ds, b);
                    raw[round] = BULK_ROWS / ((System.nanoTime() - t0) / 1e9);
                }
            }
            if (r == null || r.inserted() != BULK_ROWS || !r.copied() || n != BULK_ROWS) {
                throw new IllegalStateException("bulk round wrote " + r + " / " + n);
            }
            System.out.printf(Locale.ROOT, "bulk round %d: SDK recordAll %,.0f rows/s, raw CopyManager %,.0f rows/s, ratio %.2fx%n",
                    round + 1, sdk[round], raw[round], sdk[round] / raw[round]);
        }
        double[] ratios = Rounds.ratios(sdk, raw);
        double median = Rounds.median(ratios);
        System.out.printf(Locale.ROOT, "bulk (%,d rows per side per round, %d rounds): SDK %,.0f rows/s, raw %,.0f rows/s"
                        + " (means), median round ratio %.2fx, ratio of means %.2fx%n",
                BULK_ROWS, BULK_ROUNDS, Rounds.mean(sdk), Rounds.mean(raw), median, Rounds.mean(sdk) / Rounds.mean(raw));
        Goals.ratio("bulk median round", median, ">= 0.95");
    }

    // ------------------------------------------------------------------------------------------ single

    private static void single(SarkDatabase db, DataSource ds) throws Exception {
        Jdbc.exec(ds, "insert into sark.principal_budgets (principal_id) values ('single-raw') on conflict do nothing");
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into sark.cost_tracking (\"timestamp\", principal_id,"
                     + " resource_id, capability_id, actual_cost, currency, metadata) values (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            Harness.Comparison cmp = Harness.compare("single record", 500, 3_000,
                    i -> db.costs().record(NewCost.of("single-sdk", "res-1", "cap-1").actual("0.00003")
                            .metadata(SarkJson.object().put("i", i))),
                    i -> {
                        ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                        ps.setString(2, "single-raw");
                        ps.setString(3, "res-1");
                        ps.setString(4, "cap-1");
                        ps.setBigDecimal(5, new BigDecimal("0.00003"));
                        ps.setString(6, "USD");
                        ps.setString(7, "{\"i\":" + i + "}");
                        ps.executeUpdate();
                    });
            System.out.println(cmp.report());
            Goals.ratio("single record p50", cmp.ratioP50(), "<= 1.5");
        }
    }

    // ------------------------------------------------------------------------------------------ charges

    /**
     * The bulk rounds leave about a million fresh rows: without this, autovacuum and a checkpoint start on them at
     * some point during the charge rounds and take a core from whichever side is running (measured: single rounds
     * swinging between 0.7x and 1.3x).
     */
    private static void quiesce(DataSource ds) throws Exception {
        long t0 = System.nanoTime();
        Jdbc.exec(ds, "vacuum (analyze) sark.cost_tracking, sark.cost_idempotency, sark.principal_budgets, sark.audit_events");
        Jdbc.exec(ds, "checkpoint");
        System.out.printf(Locale.ROOT, "before the charges: VACUUM (ANALYZE) of the written tables and a CHECKPOINT, %,d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static void charges(SarkDatabase db, DataSource ds) throws Exception {
        for (int i = 0; i < SPREAD; i++) {
            db.budgets().setLimits("spread-" + i, BudgetLimits.of("USD").daily("1000000000").monthly("1000000000"));
        }
        db.budgets().setLimits("hot", BudgetLimits.of("USD").daily("1000000000").monthly("1000000000"));
        BigDecimal amount = new BigDecimal("0.00012345");
        String rawSql = "update sark.principal_budgets set daily_spent = daily_spent + ?, monthly_spent = monthly_spent + ?,"
                + " updated_at = ? where principal_id = ? and currency = ?"
                + " and (daily_budget is null or daily_spent + daily_reserved + ? <= daily_budget)"
                + " and (monthly_budget is null or monthly_spent + monthly_reserved + ? <= monthly_budget)";
        Charger sdk = (p) -> {
            if (!db.budgets().charge(p, amount, "USD").accepted()) {
                throw new IllegalStateException("refused");
            }
        };
        Charger lean = (p) -> {
            if (!db.budgets().tryCharge(p, amount, "USD")) {
                throw new IllegalStateException("refused");
            }
        };
        Charger raw = (p) -> {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(rawSql)) {
                ps.setBigDecimal(1, amount);
                ps.setBigDecimal(2, amount);
                ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setString(4, p);
                ps.setString(5, "USD");
                ps.setBigDecimal(6, amount);
                ps.setBigDecimal(7, amount);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("refused");
                }
            }
        };
        String[] names = {"SDK tryCharge", "SDK charge (with status)", "raw conditional UPDATE"};
        String[] methods = {"tryCharge", "charge"}; // the SDK sides in the summary
        Charger[] sides = {lean, sdk, raw};
        for (int threads : THREAD_COUNTS) {
            for (boolean hot : new boolean[] {false, true}) {
                // goals of the SDK sides' median round ratios; charge also reads the figures back: a figure only
                String[] goals = {hot ? ">= 2" : ">= 0.84", "figure only"};
                measure(threads, hot, names, sides, methods, goals);
            }
        }
    }

    /**
     * Interleaved rounds of every side; prints each SDK side's ratio to the raw statement (the last side) and records
     * its median round ratio in the summary as {@code <method> hot|spread <threads> threads} with its goal.
     */
    private static void measure(int threads, boolean hot, String[] names, Charger[] sides, String[] methods, String[] goals)
            throws Exception {
        String label = hot ? "hot principal" : "spread (" + SPREAD + " principals)";
        for (Charger side : sides) {
            run(side, threads, hot, WARM_UP_MILLIS); // warm-up: C2 has compiled both paths before any round counts
        }
        double[][] rate = new double[sides.length][CHARGE_ROUNDS];
        for (int round = 0; round < CHARGE_ROUNDS; round++) {
            // rotate the order, so no side always runs right after another one's garbage
            for (int k = 0; k < sides.length; k++) {
                int side = (k + round) % sides.length;
                rate[side][round] = run(sides[side], threads, hot, CHARGE_MILLIS);
            }
        }
        int raw = sides.length - 1;
        double rawMean = Rounds.mean(rate[raw]);
        for (int side = 0; side < raw; side++) {
            double[] ratios = Rounds.ratios(rate[side], rate[raw]);
            double median = Rounds.median(ratios);
            System.out.printf(Locale.ROOT, "charges/s, %d threads, %s: %s %,.0f, %s %,.0f (means of %d rounds of %d ms),"
                            + " ratio of means %.2fx, median round ratio %.2fx, rounds %s%n",
                    threads, label, names[side], Rounds.mean(rate[side]), names[raw], rawMean, CHARGE_ROUNDS, CHARGE_MILLIS,
                    Rounds.mean(rate[side]) / rawMean, median, Rounds.format(ratios));
            Goals.ratio(methods[side] + (hot ? " hot " : " spread ") + threads + " threads", median, goals[side]);
        }
    }

    @FunctionalInterface
    private interface Charger {
        void charge(String principal) throws Exception;
    }

    private static double run(Charger charger, int threads, boolean hot, long millis) throws Exception {
        return Harness.throughput(threads, millis, i -> charger.charge(hot ? "hot" : "spread-" + (i % SPREAD)));
    }
}
