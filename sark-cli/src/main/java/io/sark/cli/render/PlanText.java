package io.sark.cli.render;

import io.sark.migration.AttentionGroup;
import io.sark.migration.PlanResult;
import java.io.PrintWriter;
import java.util.Locale;

/** Text rendering of {@link PlanResult}. */
public final class PlanText {

    private PlanText() {
    }

    public static void print(PrintWriter w, PlanResult p) {
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
}
