package io.sark.cli.render;

import io.sark.migration.ExecuteResult;
import io.sark.migration.JsonRow;
import java.io.PrintWriter;
import java.util.Locale;

/** Text rendering of {@link ExecuteResult}. */
public final class ExecuteText {

    private ExecuteText() {
    }

    /** {@code targetSchema} names the table that keeps the original json texts. */
    public static void print(PrintWriter w, ExecuteResult r, String targetSchema) {
        w.printf(Locale.ROOT, "run %d completed%s: %d resources and %d capabilities created (%d/%d already present or skipped), "
                + "%d placeholder endpoints, %d batches in %d ms (%.0f rows/s)%n", r.runId(), r.resumed() ? " (resumed)" : "",
                r.resourcesCreated(), r.capabilitiesCreated(), r.resourcesSkipped(), r.capabilitiesSkipped(), r.placeholderEndpoints(),
                r.batches(), r.millis(), r.rowsPerSecond());
        for (JsonRow j : r.invalidJson()) {
            w.printf("json jsonb cannot hold: %s %s %s (%s): %s, %s%n", j.table(), j.id(), j.column(), j.problems(), j.action(), j.reason());
        }
        if (!r.invalidJson().isEmpty()) {
            w.printf("original json texts: %s.sark_migration_json%n", targetSchema);
        }
    }
}
