package io.sark.cli.render;

import io.sark.migration.Severity;
import io.sark.migration.ValidationReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Text rendering of {@link ValidationReport}. */
public final class ValidationText {

    private ValidationText() {
    }

    public static void print(PrintWriter w, ValidationReport r) {
        for (Severity s : List.of(Severity.CRITICAL, Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            r.issues().stream().filter(i -> i.severity() == s).forEach(i -> w.printf("%-8s %-48s %s%s%n", s, i.checkName(), i.message(),
                    i.details().containsKey("sample_ids") ? " " + i.details().get("sample_ids") : ""));
        }
        w.printf("%s: %d passed, %d warnings, %d failed (%s mode)%n", r.passed() ? "PASSED" : "FAILED", r.passedChecks(), r.count(Severity.WARNING),
                r.failedChecks(), r.mode().name().toLowerCase(Locale.ROOT));
    }
}
