package io.sark.cli.render;

import io.sark.cli.optimize.BenchmarkResult;
import java.io.PrintWriter;
import java.util.Locale;

/** Text rendering of {@link BenchmarkResult}. */
public final class BenchmarkText {

    private BenchmarkText() {
    }

    public static void print(PrintWriter w, BenchmarkResult b) {
        w.printf("%-38s %9s %9s %6s  %s%n", "query (" + b.runs() + " runs)", "p50 ms", "p95 ms", "rows", "indexes used");
        for (BenchmarkResult.QueryResult q : b.queries()) {
            if (q.error() != null) {
                w.printf("%-38s FAILED: %s%n", q.name(), q.error());
            } else {
                w.printf(Locale.ROOT, "%-38s %9.2f %9.2f %6d  %s%n", q.name(), q.p50Millis(), q.p95Millis(), q.rows(),
                        q.indexes().isEmpty() ? "(none: " + String.join(", ", q.nodeTypes()) + ")" : String.join(", ", q.indexes()));
            }
        }
        w.printf("queries using indexes: %d/%d%n", b.queries().stream().filter(BenchmarkResult.QueryResult::usesIndex).count(), b.queries().size());
        b.recommendations().forEach(r -> w.printf("recommendation [%s] %s: %s%n", r.priority(), r.query(), r.advice()));
    }
}
