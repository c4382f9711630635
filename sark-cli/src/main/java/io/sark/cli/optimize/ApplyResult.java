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
        return statements.stream().filter(s -> "failed".equals(s.outcome())).count();
    }

    /**
     * One statement.
     *
     * @param index   the index it creates, or null (ANALYZE)
     * @param sql     the SQL
     * @param outcome planned | applied | already present | rebuilt (was invalid) | failed
     * @param error   the error when failed
     * @param millis  duration
     */
    public record Statement(String index, String sql, String outcome, String error, long millis) {
    }
}
