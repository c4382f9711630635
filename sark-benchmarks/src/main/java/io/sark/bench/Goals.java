package io.sark.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The measures benchmarks hold against a goal, collected during a run for the summary {@link BenchmarkMain} prints
 * at the end: {@code ratio <name> = <x> (goal <g>)}, {@code p95 <name> = <ms> ms (goal 5)} and
 * {@code skipped <benchmark>: <reason>}, in the order recorded.
 */
public final class Goals {

    /** The goal of every catalogue pattern's p95, in milliseconds. */
    static final String P95_GOAL_MILLIS = "5";

    private static final List<String> LINES = Collections.synchronizedList(new ArrayList<>());

    private Goals() {
    }

    /** Records the summary line {@code ratio <name> = <x> (goal <goal>)}, {@code x} with two decimals. */
    public static void ratio(String name, double x, String goal) {
        LINES.add(String.format(Locale.ROOT, "ratio %s = %.2f (goal %s)", name, x, goal));
    }

    /** Records the summary line {@code p95 <name> = <millis> ms (goal 5)}, {@code millis} with two decimals. */
    public static void p95(String name, double millis) {
        LINES.add(String.format(Locale.ROOT, "p95 %s = %.2f ms (goal %s)", name, millis, P95_GOAL_MILLIS));
    }

    /** Records the summary line {@code skipped <benchmark>: <reason>} and returns it, to print where it would have run. */
    public static String skipped(String benchmark, String reason) {
        String line = "skipped " + benchmark + ": " + reason;
        LINES.add(line);
        return line;
    }

    /** Returns a copy of the lines recorded so far, in the order they were recorded. */
    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }
}
