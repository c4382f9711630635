package io.sark.bench;

import java.util.Locale;

/**
 * Runs an operation and its raw baseline alternately (so both see the same machine state), after a warm-up,
 * and reports p50/p99 of each and the ratio ours/baseline.
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
}
