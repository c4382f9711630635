package io.sark.cli.render;

import io.sark.migration.RollbackResult;
import java.io.PrintWriter;

/** Text rendering of {@link RollbackResult}. */
public final class RollbackText {

    private RollbackText() {
    }

    public static void print(PrintWriter w, RollbackResult r) {
        if (r.refused()) {
            w.printf("REFUSED: %d references to migrated rows (nothing deleted; --force to delete anyway)%n", r.referenceCount());
            r.referencedByCosts().forEach(x -> w.println("  cost_tracking -> " + x));
            r.referencedByAudit().forEach(x -> w.println("  audit_events  -> " + x));
            r.nativeChildren().forEach(x -> w.println("  native capability under a migrated resource: " + x));
            w.println("  --force would delete: " + r.rows());
        } else {
            w.printf("%s%d resources, %d capabilities deleted (%d native capabilities with them) in %d ms; rows per table: %s%n",
                    r.dryRun() ? "dry run, would be: " : "", r.resourcesDeleted(), r.capabilitiesDeleted(), r.nativeCapabilitiesDeleted(),
                    r.millis(), r.rows());
        }
    }
}
