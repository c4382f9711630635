package io.sark.dao.cost;

import io.sark.dao.Dbs;
import static io.sark.dao.cost.CostLedgerDaoTest.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.NotFoundException;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.ChargeResult;
import io.sark.dao.model.CostChargeResult;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.ReservationResult;
import io.sark.testkit.SarkDatabaseTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random charges, recordAndCharge calls (with replayed idempotency keys) and reserve/settle/release
 * pairs from 32 threads over 3 hot principals and 200 spread ones with small limits, while the clock moves so that
 * abandoned reservations expire. Afterwards every principal's spent is within its limits and equals both the sum
 * of the charges the DAO reported as accepted and the ledger's sum; every refusal has its audit event; reserved
 * counters and reservation rows agree.
 */
@SarkDatabaseTest
class BudgetConcurrencyTest {

    private static final int THREADS = 32;
    private static final int OPS_PER_THREAD = 300;
    private static final int SPREAD = 200;

    @Test
    void noOverspendNoLostUpdateLedgerEqualsSpent(DataSource ds, DSLContext dsl) throws Exception {
        MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(clock);
        List<String> hot = List.of("hot-0", "hot-1", "hot-2");
        db.budgets().setLimits("hot-0", BudgetLimits.of("USD").daily("20").monthly("30"));
        db.budgets().setLimits("hot-1", BudgetLimits.of("USD").daily("15"));
        db.budgets().setLimits("hot-2", BudgetLimits.of("USD").daily("100").monthly("12"));   // monthly binds first
        List<String> spread = new ArrayList<>();
        for (int i = 0; i < SPREAD; i++) {
            spread.add("spread-" + i);
            db.budgets().setLimits("spread-" + i, BudgetLimits.of("USD").daily("1").monthly("1.5"));
        }

        Map<String, BigDecimal> accepted = new ConcurrentHashMap<>();
        Map<String, List<String>> usedKeys = new ConcurrentHashMap<>();
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger replays = new AtomicInteger();
        AtomicInteger expiredSettles = new AtomicInteger();
        AtomicInteger acceptedOps = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            // the clock moves one second every 20 ms of wall time (same UTC day throughout)
            pool.submit(() -> {
                while (running.get()) {
                    clock.advance(Duration.ofSeconds(1));
                    Thread.sleep(20);
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 1000 + t;
                workers.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    start.await();
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        String p = rnd.nextInt(100) < 50 ? hot.get(rnd.nextInt(hot.size())) : spread.get(rnd.nextInt(SPREAD));
                        BigDecimal amount = BigDecimal.valueOf(rnd.nextLong(1, 20_000_001), 8); // 0.00000001 .. 0.2
                        try {
                            int op = rnd.nextInt(100);
                            if (op < 40) {
                                recordAndCharge(db, rnd, p, amount, seed, i, usedKeys, accepted, refusals, replays, acceptedOps);
                            } else if (op < 60) {
                                boolean lean = op >= 50;             // half through tryCharge (nothing read back)
                                boolean ok = retrying(db, tx -> {
                                    boolean c = lean ? tx.budgets().tryCharge(p, amount, "USD")
                                            : tx.budgets().charge(p, amount, "USD").accepted();
                                    if (c) {
                                        tx.costs().record(NewCost.of(p, "res", "cap").actual(amount));
                                    }
                                    return c;
                                });
                                count(ok, p, amount, accepted, refusals, acceptedOps);
                            } else {
                                reserveAndSettle(db, rnd, p, amount, accepted, refusals, expiredSettles, acceptedOps);
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : workers) {
                w.get(5, TimeUnit.MINUTES);
            }
        } finally {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(failures).as("unexpected exceptions (deadlocks, serialization failures, ...)").isEmpty();

        // everything still held has expired an hour later (same UTC day): the sweep leaves no hold behind
        clock.advance(Duration.ofHours(1));
        db.budgets().sweepExpired();
        assertThat(num(dsl, "select count(*) from budget_reservations")).isEqualByComparingTo("0");

        List<String> all = new ArrayList<>(hot);
        all.addAll(spread);
        for (String p : all) {
            Record b = dsl.fetchOne("select daily_budget, monthly_budget, daily_spent, monthly_spent, daily_reserved,"
                    + " monthly_reserved from principal_budgets where principal_id = ?", p);
            BigDecimal spent = b.get("daily_spent", BigDecimal.class);
            BigDecimal daily = b.get("daily_budget", BigDecimal.class);
            BigDecimal monthly = b.get("monthly_budget", BigDecimal.class);
            if (daily != null) {
                assertThat(spent).as("%s daily spent <= limit", p).isLessThanOrEqualTo(daily);
            }
            if (monthly != null) {
                assertThat(b.get("monthly_spent", BigDecimal.class)).as("%s monthly spent <= limit", p).isLessThanOrEqualTo(monthly);
            }
            assertThat(b.get("monthly_spent", BigDecimal.class)).as("%s monthly == daily (one day)", p).isEqualByComparingTo(spent);
            assertThat(spent).as("%s spent == accepted charges", p)
                    .isEqualByComparingTo(accepted.getOrDefault(p, BigDecimal.ZERO));
            BigDecimal ledger = num(dsl, "select coalesce(sum(coalesce(actual_cost, estimated_cost)), 0) from cost_tracking"
                    + " where principal_id = ?", p);
            assertThat(ledger).as("%s ledger sum == spent", p).isEqualByComparingTo(spent);
            assertThat(b.get("daily_reserved", BigDecimal.class)).as("%s reserved", p).isEqualByComparingTo("0");
            assertThat(b.get("monthly_reserved", BigDecimal.class)).as("%s reserved", p).isEqualByComparingTo("0");
        }
        // every refusal left exactly one audit event
        assertThat(num(dsl, "select count(*) from audit_events where event_type = 'cost_limit_exceeded'").intValue())
                .isEqualTo(refusals.get());
        // the run really was contended: limits were reached, keys replayed, holds expired
        assertThat(refusals.get()).isGreaterThan(1000);
        assertThat(acceptedOps.get()).isGreaterThan(2000);
        assertThat(replays.get()).isGreaterThan(10);
        for (String p : hot) {
            BigDecimal limit = p.equals("hot-2") ? new BigDecimal("12") : p.equals("hot-0") ? new BigDecimal("20") : new BigDecimal("15");
            assertThat(accepted.get(p)).as("%s saturated", p).isGreaterThan(limit.subtract(new BigDecimal("0.2")));
        }
        System.out.printf("ops=%d accepted=%d refused=%d replayed=%d settle-after-expiry=%d%n", THREADS * OPS_PER_THREAD,
                acceptedOps.get(), refusals.get(), replays.get(), expiredSettles.get());
    }

    private static void recordAndCharge(SarkDatabase db, SplittableRandom rnd, String p, BigDecimal amount, long seed, int i,
                                        Map<String, List<String>> usedKeys, Map<String, BigDecimal> accepted,
                                        AtomicInteger refusals, AtomicInteger replays, AtomicInteger acceptedOps) {
        List<String> keys = usedKeys.computeIfAbsent(p, k -> new CopyOnWriteArrayList<>());
        boolean retry = !keys.isEmpty() && rnd.nextInt(100) < 15;
        String key = retry ? keys.get(rnd.nextInt(keys.size())) : "k-" + seed + "-" + i;
        NewCost cost = rnd.nextBoolean() ? NewCost.of(p, "res", "cap").actual(amount)
                : NewCost.of(p, "res", "cap").estimated(amount);
        CostChargeResult r = db.budgets().recordAndCharge(cost.idempotencyKey(key));
        if (r.replayed()) {
            replays.incrementAndGet();
            assertThat(retry).as("a fresh key is never a replay").isTrue();
            return;
        }
        if (r.accepted()) {
            keys.add(key);
        }
        count(r.accepted(), p, amount, accepted, refusals, acceptedOps);
    }

    private static void reserveAndSettle(SarkDatabase db, SplittableRandom rnd, String p, BigDecimal estimate,
                                         Map<String, BigDecimal> accepted, AtomicInteger refusals,
                                         AtomicInteger expiredSettles, AtomicInteger acceptedOps) {
        ReservationResult res = db.budgets().reserve(p, estimate, "USD", Duration.ofSeconds(1 + rnd.nextInt(5)), null);
        if (!res.accepted()) {
            refusals.incrementAndGet();
            return;
        }
        BudgetReservation hold = res.reservation().orElseThrow();
        int what = rnd.nextInt(100);
        if (what < 10) {
            return;                                   // abandoned: expires
        }
        if (what < 25) {
            db.budgets().release(hold);
            return;
        }
        // actual between 0 and 1.5 x the estimate (above the hold the excess must fit)
        BigDecimal actual = estimate.multiply(BigDecimal.valueOf(rnd.nextInt(0, 151), 2)).setScale(8, java.math.RoundingMode.DOWN);
        try {
            ChargeResult r = retrying(db, tx -> {
                ChargeResult c = tx.budgets().settle(hold, actual);
                if (c.accepted()) {
                    tx.costs().record(NewCost.of(p, "res", "cap").estimated(estimate).actual(actual));
                }
                return c;
            });
            if (!r.accepted()) {
                db.budgets().release(hold);
            }
            count(r.accepted(), p, actual, accepted, refusals, acceptedOps);
        } catch (NotFoundException expired) {
            expiredSettles.incrementAndGet();         // the clock passed expiresAt: nothing charged
        }
    }

    private static void count(boolean ok, String p, BigDecimal amount, Map<String, BigDecimal> accepted,
                              AtomicInteger refusals, AtomicInteger acceptedOps) {
        if (ok) {
            accepted.merge(p, amount, BigDecimal::add);
            acceptedOps.incrementAndGet();
        } else {
            refusals.incrementAndGet();
        }
    }

    /**
     * {@code db.inTransaction(work)}, run again when the server aborted it as a deadlock victim or a serialization
     * failure: the documented contract for callers' transactions (docs/dao.md). The aborted attempt was rolled back
     * whole. (On TimescaleDB before V9, writers reaching a new ledger chunk deadlocked, and 10 attempts were used up.)
     */
    private static <T> T retrying(SarkDatabase db, java.util.function.Function<io.sark.dao.SarkTransaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(work);
            } catch (io.sark.dao.RetryableException e) {
                if (e.reason() == io.sark.dao.RetryableException.Reason.CONNECTION || attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
