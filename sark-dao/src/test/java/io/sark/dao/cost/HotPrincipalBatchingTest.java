package io.sark.dao.cost;

import static io.sark.dao.cost.CostLedgerDaoTest.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.CurrencyMismatchException;
import io.sark.dao.Dbs;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.BudgetWindow;
import io.sark.dao.model.ChargeResult;
import io.sark.testkit.SarkDatabaseTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * 32 threads make 102,400 {@code tryCharge} calls on one hot principal through one {@code SarkDatabase}, so they
 * are decided in batches, with a limit that admits exactly 100,000 of them, while a 33rd thread sends charges in
 * another currency into the same batches. Exactly the limit is spent, every caller got its own answer, every
 * refusal has its audit event, and every charge in the wrong currency failed on its own.
 */
@SarkDatabaseTest
class HotPrincipalBatchingTest {

    private static final int THREADS = 32;
    private static final int CHARGES_PER_THREAD = 3_200;
    private static final BigDecimal CENT = new BigDecimal("0.01");

    @Test
    void batchedChargesSpendExactlyTheLimitAndAnswerEveryCaller(DataSource ds, DSLContext dsl) throws Exception {
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
        db.budgets().setLimits("hot", BudgetLimits.of("USD").daily("1000").monthly("5000"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int[] acceptedRefused = new int[2];
                    for (int i = 0; i < CHARGES_PER_THREAD; i++) {
                        acceptedRefused[db.budgets().tryCharge("hot", CENT, "USD") ? 0 : 1]++;
                    }
                    return acceptedRefused;
                }));
            }
            Callable<int[]> wrongCurrency = () -> {
                start.await();
                int[] mismatches = new int[1];
                for (int i = 0; i < 200; i++) {
                    try {
                        db.budgets().tryCharge("hot", CENT, "EUR");
                    } catch (CurrencyMismatchException expected) {
                        mismatches[0]++;
                    }
                }
                return mismatches;
            };
            Future<int[]> mismatched = pool.submit(wrongCurrency);
            start.countDown();
            int accepted = 0;
            int refused = 0;
            for (Future<int[]> f : results) {
                accepted += f.get()[0];
                refused += f.get()[1];
            }
            assertThat(accepted).isEqualTo(100_000);
            assertThat(refused).isEqualTo(THREADS * CHARGES_PER_THREAD - 100_000);
            assertThat(mismatched.get()[0]).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(num(dsl, "select daily_spent from principal_budgets where principal_id = ?", "hot"))
                .isEqualByComparingTo("1000");
        assertThat(num(dsl, "select monthly_spent from principal_budgets where principal_id = ?", "hot"))
                .isEqualByComparingTo("1000");
        assertThat(num(dsl, "select count(*) from audit_events where event_type = 'cost_limit_exceeded'"
                + " and details ->> 'principal_id' = ?", "hot")).isEqualByComparingTo(String.valueOf(THREADS * CHARGES_PER_THREAD - 100_000));
    }

    /**
     * 32 threads make 102,400 {@code charge} calls of 0.01 on one principal whose daily limit admits 100,000: each
     * accepted caller sees its own figures, exactly those of one place in a one-after-another order (the spent
     * amounts 0.01, 0.02, … 1000.00, each once), and each refused caller sees the full limit and has its audit event.
     */
    @Test
    void batchedChargesGiveEachCallerTheFiguresOfItsPlaceInLine(DataSource ds, DSLContext dsl) throws Exception {
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(Instant.parse("2026-03-11T12:00:00Z"), ZoneOffset.UTC));
        db.budgets().setLimits("hot-figures", BudgetLimits.of("USD").daily("1000"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<ChargeResult> all = new ArrayList<>();
        try {
            List<Future<List<ChargeResult>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<ChargeResult> mine = new ArrayList<>();
                    for (int i = 0; i < CHARGES_PER_THREAD; i++) {
                        mine.add(db.budgets().charge("hot-figures", CENT, "USD"));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<ChargeResult>> f : results) {
                all.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<BigDecimal> seen = all.stream().filter(ChargeResult::accepted).map(r -> r.status().dailySpent())
                .sorted().toList();
        assertThat(seen).hasSize(100_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualByComparingTo(CENT.multiply(BigDecimal.valueOf(i + 1L)));
        }
        assertThat(all.stream().filter(r -> !r.accepted()))
                .hasSize(THREADS * CHARGES_PER_THREAD - 100_000)
                .allSatisfy(r -> {
                    assertThat(r.exceeded()).contains(BudgetWindow.DAILY);
                    assertThat(r.status().dailySpent()).isEqualByComparingTo("1000");
                });
        assertThat(num(dsl, "select daily_spent from principal_budgets where principal_id = ?", "hot-figures"))
                .isEqualByComparingTo("1000");
        assertThat(num(dsl, "select count(*) from audit_events where event_type = 'cost_limit_exceeded'"
                + " and details ->> 'principal_id' = ?", "hot-figures")).isEqualByComparingTo(String.valueOf(THREADS * CHARGES_PER_THREAD - 100_000));
    }
}
