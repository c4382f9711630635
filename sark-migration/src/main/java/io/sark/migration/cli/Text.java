package io.sark.migration.cli;

import io.sark.migration.AttentionGroup;
import io.sark.migration.PlanResult;
import io.sark.migration.Severity;
import io.sark.migration.ValidationReport;
import io.sark.migration.optimize.AnalyzeResult;
import io.sark.migration.optimize.BenchmarkResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The text rendering of the larger result records (plan, validation, optimizer); {@code --output json} uses {@link Render}. */
final class Text {

    private Text() {
    }

    static void printPlan(PrintWriter w, PlanResult p) {
        w.printf("Plan: v1 schema %s (%s shape) -> v2 schema %s%n", p.v1Schema(), p.shape().shape(), p.targetSchema());
        p.shape().evidence().forEach(e -> w.println("  shape: " + e));
        w.println("v1 rows:   " + p.v1Counts());
        w.println("v2 rows:   " + p.v2Counts());
        w.println("to create: " + p.toMigrate());
        if (p.attention().isEmpty()) {
            w.println("attention: none");
        }
        for (AttentionGroup g : p.attention()) {
            w.printf("attention: %-8s %-24s %-12s %6d  %s%n", g.severity(), g.kind(), g.table(), g.count(), g.description());
            g.sample().forEach(r -> w.printf("             %s %s (%s)%n", r.id(), r.name(), r.detail()));
        }
        p.samples().forEach((table, rows) -> rows.stream().limit(2).forEach(r -> w.println("sample " + table + ": " + r)));
        PlanResult.Rehearsal r = p.rehearsal();
        w.println(r.performed() ? (r.succeeded() ? String.format(Locale.ROOT, "rehearsal: ok, %d resources and %d capabilities inserted and rolled back in %d ms",
                r.resources(), r.capabilities(), r.millis()) : "rehearsal: FAILED: " + r.error()) : "rehearsal: not performed"
                + (r.error() == null ? "" : " (" + r.error() + ")"));
        p.problems().forEach(x -> w.println("problem: " + x));
        w.println(p.ready() ? "ready: execute will succeed" : "NOT ready");
    }

    static void printValidation(PrintWriter w, ValidationReport r) {
        for (Severity s : List.of(Severity.CRITICAL, Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            r.issues().stream().filter(i -> i.severity() == s).forEach(i -> w.printf("%-8s %-48s %s%s%n", s, i.checkName(), i.message(),
                    i.details().containsKey("sample_ids") ? " " + i.details().get("sample_ids") : ""));
        }
        w.printf("%s: %d passed, %d warnings, %d failed (%s mode)%n", r.passed() ? "PASSED" : "FAILED", r.passedChecks(), r.count(Severity.WARNING),
                r.failedChecks(), r.mode().name().toLowerCase(Locale.ROOT));
    }

    static void printAnalysis(PrintWriter w, AnalyzeResult a) {
        for (AnalyzeResult.Table t : a.tables()) {
            w.printf("%-18s rows %,d  table %s  total %s  seq scans %d  index scans %d%n", t.name(), t.rows(), Render.bytes(t.tableBytes()),
                    Render.bytes(t.totalBytes()), t.seqScans(), t.indexScans());
            t.indexes().forEach(i -> w.printf("    %-44s %9s %8d scans%s  %s%n", i.name(), Render.bytes(i.bytes()), i.scans(),
                    i.valid() ? "" : " INVALID", i.definition()));
        }
    }

    static void printBenchmark(PrintWriter w, BenchmarkResult b) {
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
