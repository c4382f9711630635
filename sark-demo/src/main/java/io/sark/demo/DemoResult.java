package io.sark.demo;

import java.util.List;

/**
 * Summary of a {@code demo} run.
 *
 * @param shape              v1 shape generated
 * @param servers            v1 servers
 * @param tools              v1 tools
 * @param datasetMillis      time to generate the v1 database
 * @param adoptOutcome       schema adoption outcome (migration shape) or "new schema" (ORM shape)
 * @param planReady          plan found nothing blocking
 * @param attentionRows      rows needing attention, over all kinds
 * @param executeMillis      execute wall time
 * @param rowsPerSecond      execute throughput (resources + capabilities)
 * @param checksPassed       validation INFO outcomes
 * @param checksWarning      validation WARNING outcomes
 * @param checksFailed       validation ERROR/CRITICAL outcomes
 * @param queries            benchmark timings
 * @param exitCode           0 when plan was ready, validation passed and every query ran
 */
public record DemoResult(String shape, long servers, long tools, long datasetMillis, String adoptOutcome, boolean planReady,
                         long attentionRows, long executeMillis, double rowsPerSecond, long checksPassed, long checksWarning,
                         long checksFailed, List<Query> queries, int exitCode) {
    public DemoResult {
        queries = List.copyOf(queries);
    }

    /** One benchmark query: p50/p95 in ms and the indexes it used. */
    public record Query(String name, double p50Millis, double p95Millis, List<String> indexes) {
    }
}
