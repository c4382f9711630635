package io.sark.cli.render;

import io.sark.cli.optimize.ApplyResult;
import java.io.PrintWriter;

/** Text rendering of {@link ApplyResult}. */
public final class ApplyText {

    private ApplyText() {
    }

    public static void print(PrintWriter w, ApplyResult a) {
        a.statements().forEach(s -> w.printf("%-22s %6d ms  %s%s%n", s.outcome(), s.millis(), s.sql(),
                s.error() == null ? "" : "  -- " + s.error()));
        w.println(a.failed() == 0 ? "ok" : a.failed() + " statement(s) failed");
    }
}
