package io.sark.bench.scaleout;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sark.bench.Jdbc;
import io.sark.bench.LedgerRows;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.CostQuery;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.ReservationResult;
import io.sark.schema.SarkException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which SDK operations stay single-shard on Citus. Each operation runs once untimed (warm-up), then once on a
 * one-connection pool whose session has {@code citus.enable_stat_counters} on; the difference of the coordinator's
 * {@code citus_stat_counters} before and after gives the distributed statements it ran, single-shard (router) and
 * multi-shard, and the difference of the row count of {@code pg_dist_transaction} the two-phase commits (one row per
 * prepared worker transaction; the maintenance daemon's recovery may remove rows meanwhile, at most once a minute).
 * Statements that touch no distributed table (the coordinator-local daily view) count in neither column.
 * {@code citus.enable_stat_counters} can be set by a superuser only; without it the census is skipped.
 */
final class ShardCensus {

    private static final BigDecimal AMOUNT = new BigDecimal("0.00012345");

    private ShardCensus() {
    }

    @FunctionalInterface
    private interface Operation {
        void run(SarkDatabase db, int call) throws Exception;
    }

    /** The operations, in order; later ones rely on the budget row that {@code setLimits} created. */
    private static Map<String, Operation> operations(int bulkRows) {
        String p = "census";
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put("budgets().setLimits(p)",
                (db, i) -> db.budgets().setLimits(p, BudgetLimits.of("USD").daily("1000000").monthly("1000000")));
        ops.put("budgets().tryCharge(p)", (db, i) -> db.budgets().tryCharge(p, AMOUNT, "USD"));
        ops.put("budgets().charge(p)", (db, i) -> db.budgets().charge(p, AMOUNT, "USD"));
        ops.put("budgets().status(p)", (db, i) -> db.budgets().status(p));
        ops.put("budgets().reserve(p) + settle", (db, i) -> {
            ReservationResult r = db.budgets().reserve(p, AMOUNT, "USD");
            db.budgets().settle(r.reservation().orElseThrow(), AMOUNT);
        });
        ops.put("costs().record(p), no key", (db, i) -> db.costs().record(cost(p)));
        ops.put("costs().record(p), idempotency key", (db, i) -> db.costs().record(cost(p).idempotencyKey("k-" + i)));
        ops.put("budgets().recordAndCharge(p)", (db, i) -> db.budgets().recordAndCharge(cost(p)));
        ops.put("costs().find(principal p)", (db, i) -> db.costs().find(CostQuery.all().principal(p)));
        ops.put("costs().summary(principal p)", (db, i) -> db.costs().summary(CostQuery.all().principal(p)));
        ops.put("costs().summary(all)", (db, i) -> db.costs().summary(CostQuery.all()));
        ops.put("costs().recordAll(" + bulkRows + " rows, " + LedgerRows.PRINCIPALS + " principals)",
                (db, i) -> db.costs().recordAll(LedgerRows.batch(bulkRows, 200 + i, "census-bulk")));
        ops.put("costs().refreshDailySummary()", (db, i) -> db.costs().refreshDailySummary());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ops.put("costs().dailySummary(p)", (db, i) -> db.costs().dailySummary(Optional.of(p), today.minusDays(1), today));
        return ops;
    }

    private static NewCost cost(String principal) {
        return NewCost.of(principal, "res-1", "cap-1").actual(AMOUNT);
    }

    /** Prints one line per operation: distributed statements (single-shard, multi-shard) and 2PC rows. */
    static void run(Target citus, int bulkRows) throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(citus.url);
        cfg.setMaximumPoolSize(1);
        cfg.setPoolName("bench-census");
        cfg.setConnectionInitSql("set citus.enable_stat_counters = on");
        HikariDataSource counted;
        try {
            counted = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            System.out.println("shard census skipped: cannot enable citus.enable_stat_counters (" + e.getMessage() + ")");
            return;
        }
        try (counted) {
            SarkDatabase db = SarkDatabase.using(counted).withSchema(citus.schema);
            System.out.printf("%-48s %12s %12s %8s%n", "Citus, one call of", "single-shard", "multi-shard", "2PC");
            int call = 0;
            for (Map.Entry<String, Operation> op : operations(bulkRows).entrySet()) {
                try {
                    op.getValue().run(db, call++); // warm-up: first-call paths (row creation) are not the steady state
                    long[] before = counters(citus);
                    op.getValue().run(db, call++);
                    long[] after = counters(citus);
                    System.out.printf("%-48s %12d %12d %8d%n", op.getKey(), after[0] - before[0], after[1] - before[1],
                            Math.max(0, after[2] - before[2]));
                } catch (SarkException e) { // an operation Citus refuses is a finding, not the end of the census
                    System.out.printf("%-48s fails on Citus: %s%n", op.getKey(), e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
    }

    /** Single-shard and multi-shard executions in this database, and the rows of pg_dist_transaction. */
    private static long[] counters(Target citus) throws Exception {
        String row = Jdbc.text(citus.pool, "select query_execution_single_shard || ' ' || query_execution_multi_shard"
                + " || ' ' || (select count(*) from pg_dist_transaction)"
                + " from citus_stat_counters where name = current_database()");
        String[] f = row.split(" ");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
    }
}
