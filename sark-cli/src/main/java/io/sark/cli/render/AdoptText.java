package io.sark.cli.render;

import io.sark.migration.AdoptOutcome;
import io.sark.migration.AdoptResult;
import java.io.PrintWriter;

/** Text rendering of {@link AdoptResult}. */
public final class AdoptText {

    private AdoptText() {
    }

    public static void print(PrintWriter w, AdoptResult r) {
        w.printf("schema %s (%s shape): %s%s%n", r.schema(), r.shape(), r.outcome(),
                r.currentVersion() == null ? "" : ", version " + r.initialVersion() + " -> " + r.currentVersion() + " applied " + r.applied());
        r.differences().forEach(d -> w.println("  difference: " + d));
        r.notes().forEach(d -> w.println("  note: " + d));
        r.tableChanges().forEach(d -> w.println("  table change: " + d));
        r.rowChanges().forEach(d -> w.printf("  row change: %s: %d rows: %s%s%n", d.table(), d.rows(), d.change(),
                d.ids().isEmpty() ? "" : " " + d.ids()));
        if (r.tableChanges().isEmpty() && r.rowChanges().isEmpty() && r.outcome() != AdoptOutcome.ALREADY_MANAGED) {
            w.println("  no existing table or row changes");
        }
    }
}
