package io.sark.migration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Result of {@link V1ToV2Migration#validate(ValidationMode)}: one issue per check outcome (a passing check
 * emits an INFO issue). Exit code as the reference documented it: 0 pass, 1 errors, 2 critical.
 *
 * @param mode       the mode run
 * @param startTime  when it started
 * @param endTime    when it ended
 * @param issues     every outcome, in check order
 */
public record ValidationReport(ValidationMode mode, Instant startTime, Instant endTime, List<Issue> issues) {

    public ValidationReport {
        issues = List.copyOf(issues);
    }

    /** Exit code: 2 if any CRITICAL, else 1 if any ERROR, else 0. */
    public int exitCode() {
        if (count(Severity.CRITICAL) > 0) {
            return 2;
        }
        return count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /** Number of issues of a severity. */
    public long count(Severity severity) {
        return issues.stream().filter(i -> i.severity() == severity).count();
    }

    /** Checks that passed (INFO). WARNING is neither passed nor failed (reference T5 counted it as passed). */
    public long passedChecks() {
        return count(Severity.INFO);
    }

    /** Checks that failed (ERROR or CRITICAL). */
    public long failedChecks() {
        return count(Severity.ERROR) + count(Severity.CRITICAL);
    }

    /** Whether no ERROR or CRITICAL was found. */
    public boolean passed() {
        return exitCode() == 0;
    }

    /** Issues with a check name. */
    public List<Issue> issues(String checkName) {
        return issues.stream().filter(i -> i.checkName().equals(checkName)).toList();
    }

    /**
     * One outcome.
     *
     * @param severity  INFO for a pass
     * @param checkName e.g. {@code data.fidelity_resources}
     * @param message   one line
     * @param details   structured details (may be empty)
     */
    public record Issue(Severity severity, String checkName, String message, Map<String, Object> details) {
        public Issue {
            details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        }
    }
}
