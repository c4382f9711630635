package io.sark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs an operation and its raw baseline alternately (so both see the same machine state), after a warm-up,
 * and reports p50/p99 of each and the ratio ours/baseline; or runs one operation from many threads for a fixed
 * time and reports operations per second ({@link #throughput}).
 */
public final class Harness {

    private Harness() {
    }

    /** An operation to time; {@code i} is the iteration number (use it to vary keys). */
    @FunctionalInterface
    public interface Op {
        void run(int i) throws Exception;
    }

    /** Result of {@link #compare}. */
    public record Comparison(Samples ours, Samples baseline) {
        public double ratioP50() {
            return ours.percentileMillis(50) / baseline.percentileMillis(50);
        }

        public double ratioP99() {
            return ours.percentileMillis(99) / baseline.percentileMillis(99);
        }

        public String report() {
            return ours.summary() + "\n" + baseline.summary() + "\n"
                    + String.format(Locale.ROOT, "%-40s p50 %.2fx  p99 %.2fx", "ratio ours/baseline", ratioP50(), ratioP99());
        }
    }

    /** Times {@code ours} and {@code baseline} interleaved, {@code iterations} each after {@code warmup} each. */
    public static Comparison compare(String name, int warmup, int iterations, Op ours, Op baseline) throws Exception {
        for (int i = 0; i < warmup; i++) {
            ours.run(i);
            baseline.run(i);
        }
        Samples a = new Samples(name + " (SDK)");
        Samples b = new Samples(name + " (raw)");
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            ours.run(warmup + i);
            long t1 = System.nanoTime();
            baseline.run(warmup + i);
            long t2 = System.nanoTime();
            a.add(t1 - t0);
            b.add(t2 - t1);
        }
        return new Comparison(a, b);
    }

    /** Times one operation. */
    public static Samples time(String name, int warmup, int iterations, Op op) throws Exception {
        for (int i = 0; i < warmup; i++) {
            op.run(i);
        }
        Samples s = new Samples(name);
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            op.run(warmup + i);
            s.add(System.nanoTime() - t0);
        }
        return s;
    }

    /**
     * Runs {@code op} from {@code threads} threads for about {@code millis} ms and returns completed operations per
     * second. Thread {@code t} passes {@code t, t + threads, t + 2 * threads, ...}, so {@code i % keys} spreads the
     * threads over {@code keys} keys without two threads starting on the same one. The first failure is rethrown.
     */
    public static double throughput(int threads, long millis, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            fs.add(pool.submit(() -> {
                for (int i = thread; !stop.get(); i += threads) {
                    op.run(i);
                    done.increment();
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        try {
            Thread.sleep(millis);
        } finally {
            stop.set(true);
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
            return done.sum() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
