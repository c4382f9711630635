package io.sark.cli.optimize;

/**
 * One of the benchmark's query patterns.
 *
 * @param name         reference name
 * @param sql          the SQL, with the reference's bind values inlined
 * @param targetMillis the documented latency target (0: none)
 */
public record QueryPattern(String name, String sql, int targetMillis) {
}
