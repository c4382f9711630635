package io.sark.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.RetryableException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The combining protocol on its own (the database side is {@code HotPrincipalBatchingTest}): a decider that is slow
 * enough for callers to queue up, so that batches form.
 */
class ChargeCombinerTest {

    private static final int THREADS = 16;

    /** Sums like a budget with {@code limit} and records how each charge was decided. */
    private static final class Budget {
        final BigDecimal limit;
        BigDecimal spent = BigDecimal.ZERO;
        final AtomicInteger batches = new AtomicInteger();
        final List<BigDecimal> alone = new ArrayList<>();

        Budget(String limit) {
            this.limit = new BigDecimal(limit);
        }

        synchronized List<Boolean> chargeAll(String currency, BigDecimal total, List<BigDecimal> amounts) {
            pause();
            batches.incrementAndGet();
            if (spent.add(total).compareTo(limit) > 0) {
                return null;
            }
            spent = spent.add(total);
            return java.util.Collections.nCopies(amounts.size(), Boolean.TRUE);
        }

        synchronized boolean chargeOne(BigDecimal amount, String currency) {
            pause();
            alone.add(amount);
            if (spent.add(amount).compareTo(limit) > 0) {
                return false;
            }
            spent = spent.add(amount);
            return true;
        }

        private static void pause() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<Boolean> chargeConcurrently(ChargeCombiner<Boolean> combiner, Budget budget, int each)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Boolean>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Boolean> answers = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        answers.add(combiner.charge("p", BigDecimal.ONE, "USD", budget::chargeAll, budget::chargeOne));
                    }
                    return answers;
                }));
            }
            start.countDown();
            List<Boolean> all = new ArrayList<>();
            for (Future<List<Boolean>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentChargesAreDecidedInBatchesAndNeverPastTheLimit() throws Exception {
        Budget budget = new Budget("1000");
        List<Boolean> answers = chargeConcurrently(new ChargeCombiner<>(), budget, 100);
        assertThat(answers).hasSize(1600);
        assertThat(answers.stream().filter(a -> a).count()).isEqualTo(1000);
        assertThat(budget.spent).isEqualByComparingTo("1000");
        // far fewer statements than charges: most were accepted by a batch statement
        assertThat(budget.batches.get() + budget.alone.size()).isLessThan(1600);
    }

    @Test
    void aFailedBatchStatementFailsEachOfItsCallers() throws Exception {
        RetryableException lost = new RetryableException(RetryableException.Reason.CONNECTION, "08006", "connection lost", null);
        AtomicInteger calls = new AtomicInteger();
        ChargeCombiner.Together<Boolean> together = (currency, total, amounts) -> {
            calls.incrementAndGet();
            Budget.pause();
            throw lost;
        };
        ChargeCombiner.Alone<Boolean> alone = (amount, currency) -> {
            calls.incrementAndGet();
            Budget.pause();
            throw lost;
        };
        ChargeCombiner<Boolean> combiner = new ChargeCombiner<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Throwable>> outcomes = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        combiner.charge("p", BigDecimal.ONE, "USD", together, alone);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            for (Future<Throwable> f : outcomes) {
                assertThat(f.get()).isSameAs(lost);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls.get()).isLessThanOrEqualTo(THREADS);
    }

    @Test
    void aChargeWithNoOtherInItsStripeIsDecidedAloneAtOnceAndLeavesNothingBehind() {
        ChargeCombiner<Boolean> combiner = new ChargeCombiner<>();
        AtomicInteger together = new AtomicInteger();
        List<BigDecimal> alone = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(combiner.charge("p-" + i, BigDecimal.valueOf(i), "USD", (c, total, amounts) -> {
                together.incrementAndGet();
                return null;
            },
                    (amount, c) -> alone.add(amount))).isTrue();
        }
        assertThat(together.get()).isZero();
        assertThat(alone).hasSize(1000);
        RetryableException lost = new RetryableException(RetryableException.Reason.CONNECTION, "08006", "connection lost", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> combiner.charge("p-0", BigDecimal.ONE, "USD",
                (c, total, amounts) -> null, (amount, c) -> {
                    throw lost;
                })).isSameAs(lost);
        assertThat(combiner.idle()).isTrue();
    }

    @Test
    void chargesOfOtherPrincipalsDoNotWaitForABlockedOne() throws Exception {
        ChargeCombiner<Boolean> combiner = new ChargeCombiner<>();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> slow = pool.submit(() -> combiner.charge("slow", BigDecimal.ONE, "USD", (c, t, amounts) -> null, (a, c) -> {
                blocked.countDown();
                try {
                    return release.await(1, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            blocked.await();
            for (int i = 0; i < 2000; i++) { // some of these share the blocked principal's stripe
                String other = "other-" + i;
                assertThat(pool.submit(() -> combiner.charge(other, BigDecimal.ONE, "USD", (c, t, amounts) -> null,
                        (a, c) -> true)).get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            release.countDown();
            assertThat(slow.get()).isTrue();
            assertThat(combiner.idle()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
