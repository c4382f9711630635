package io.sark.cli.render;

import io.sark.migration.StatusResult;
import java.io.PrintWriter;
import java.util.Locale;

/** Text rendering of {@link StatusResult}. */
public final class StatusText {

    private StatusText() {
    }

    public static void print(PrintWriter w, StatusResult s) {
        w.printf("schema %s: %d migrated resources, %d migrated capabilities%s%n", s.targetSchema(), s.migratedResources(),
                s.migratedCapabilities(), s.stateInstalled() ? "" : " (no migration has run)");
        if (s.deferredIndexes() > 0) {
            w.printf("%d secondary indexes dropped by an unfinished run: built again when it completes (execute) or by rollback%n",
                    s.deferredIndexes());
        }
        for (StatusResult.Run r : s.runs()) {
            w.printf(Locale.ROOT, "run %d %-11s phase %-12s from %s (%s) batches %d, resources %d/%d, capabilities %d/%d, attempts %d, "
                    + "started %s, finished %s, batch p50 %.0f ms max %.0f ms%s%n", r.id(), r.state(), r.phase(), r.v1Schema(), r.shape(),
                    r.batchesDone(), r.resourcesCreated(), r.serversTotal(), r.capabilitiesCreated(), r.toolsTotal(), r.attempts(),
                    r.startedAt(), r.finishedAt(), r.batchMillisP50(), r.batchMillisMax(), r.error() == null ? "" : " error: " + r.error());
        }
    }
}
