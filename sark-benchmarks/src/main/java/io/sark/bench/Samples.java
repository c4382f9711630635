package io.sark.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, with nearest-rank percentiles. */
public final class Samples {

    private final String name;
    private long[] nanos = new long[1024];
    private int size;

    public Samples(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void add(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    public int count() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds, nearest rank. */
    public double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1_000_000.0;
    }

    public String summary() {
        return String.format(Locale.ROOT, "%-40s n=%6d p50=%9.3f ms p95=%9.3f ms p99=%9.3f ms", name, size,
                percentileMillis(50), percentileMillis(95), percentileMillis(99));
    }
}
