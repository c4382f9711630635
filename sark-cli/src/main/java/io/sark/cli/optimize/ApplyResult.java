package io.sark.cli.optimize;

import java.util.List;

/**
 * Result of {@link QueryOptimizer#apply(boolean)}.
 *
 * @param schema     the schema
 * @param dryRun     nothing was executed
 * @param statements each statement with its outcome
 */
public record ApplyResult(String schema, boolean dryRun, List<Statement> statements) {
    public ApplyResult {
        statements = List.copyOf(statements);
    }

    /** Statements that failed (the CLI exits 1 when this is not 0). */
    public long failed() {
        return statements.stream().filter(s -> s.outcome() == Outcome.FAILED).count();
    }

    /**
     * One statement.
     *
     * @param index   the index it creates, or null (ANALYZE)
     * @param sql     the SQL
     * @param outcome what happened to it
     * @param error   the error when failed
     * @param millis  duration
     */
    public record Statement(String index, String sql, Outcome outcome, String error, long millis) {
    }

    /** What happened to one statement; {@link #toString()} is the CLI's wording. */
    public enum Outcome {
        /** Dry run: would be executed. */
        PLANNED("planned"),
        /** Executed. */
        APPLIED("applied"),
        /** The index existed and was valid: nothing done. */
        ALREADY_PRESENT("already present"),
        /** The index existed but was invalid (an interrupted CONCURRENTLY build): dropped and built again. */
        REBUILT("rebuilt (was invalid)"),
        /** Executing it failed ({@link Statement#error()}). */
        FAILED("failed");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
