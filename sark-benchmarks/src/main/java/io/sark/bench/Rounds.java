package io.sark.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Per-round figures (throughputs, ratios) of benchmarks that run several rounds: means, medians, ratios. */
public final class Rounds {

    private Rounds() {
    }

    public static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    /** The upper median (the middle value for an odd count). */
    public static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** {@code a[i] / b[i]} for each round. */
    public static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /** The values with two decimals, e.g. {@code [0.94, 1.02]}. */
    public static List<String> format(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList();
    }
}
