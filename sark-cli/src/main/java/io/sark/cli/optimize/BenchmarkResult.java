package io.sark.cli.optimize;

import java.util.List;

/**
 * Result of {@link QueryOptimizer#benchmark(int)}.
 *
 * @param schema          the schema benchmarked
 * @param runs            timed executions per pattern
 * @param queries         one result per pattern
 * @param recommendations what to do about slow or index-less queries
 */
public record BenchmarkResult(String schema, int runs, List<QueryResult> queries, List<Recommendation> recommendations) {
    public BenchmarkResult {
        queries = List.copyOf(queries);
        recommendations = List.copyOf(recommendations);
    }

    /** Patterns that failed. */
    public long failed() {
        return queries.stream().filter(q -> q.error() != null).count();
    }

    /**
     * One pattern.
     *
     * @param name         pattern name
     * @param sql          the SQL
     * @param targetMillis documented target (0: none)
     * @param rows         rows returned
     * @param p50Millis    median latency (-1 on error)
     * @param p95Millis    95th percentile
     * @param minMillis    fastest run
     * @param maxMillis    slowest run
     * @param planCost     planner's total cost
     * @param indexes      every index named anywhere in the plan tree
     * @param nodeTypes    every node type in the plan tree
     * @param usesIndex    whether any index/bitmap/index-only scan appears
     * @param error        the error, or null
     */
    public record QueryResult(String name, String sql, int targetMillis, long rows, double p50Millis, double p95Millis,
                              double minMillis, double maxMillis, double planCost, List<String> indexes, List<String> nodeTypes,
                              boolean usesIndex, String error) {
    }

    /** A recommendation: the pattern, priority (high/medium) and advice. */
    public record Recommendation(String query, String priority, String advice) {
    }
}
