package io.sark.migration;

import java.util.List;
import java.util.Map;

/**
 * The dry run: what {@link V1ToV2Migration#execute()} would do. Nothing is written.
 *
 * @param v1Schema     where the v1 tables are
 * @param targetSchema where the v2 tables are
 * @param shape        the detected v1 shape
 * @param v1Counts     rows per v1 table (absent tables are left out)
 * @param v2Counts     rows in the v2 tables now: {@code resources}, {@code resources_mcp}, {@code capabilities},
 *                     {@code migrated_resources}, {@code migrated_capabilities}
 * @param toMigrate    {@code resources} and {@code capabilities} rows an execute would create now
 * @param attention    rows that need attention, by kind
 * @param samples      a few mapped rows: {@code resources} and {@code capabilities} as they would be written
 * @param rehearsal    the real movement run inside a transaction that was rolled back
 * @param problems     what prevents a clean execute (empty when {@link #ready()})
 * @param millis       wall time
 */
public record PlanResult(String v1Schema, String targetSchema, ShapeDetection shape, Map<String, Long> v1Counts,
                         Map<String, Long> v2Counts, Map<String, Long> toMigrate, List<AttentionGroup> attention,
                         Map<String, List<Map<String, Object>>> samples, Rehearsal rehearsal, List<String> problems,
                         long millis) {

    public PlanResult {
        v1Counts = Map.copyOf(v1Counts);
        v2Counts = Map.copyOf(v2Counts);
        toMigrate = Map.copyOf(toMigrate);
        attention = List.copyOf(attention);
        samples = Map.copyOf(samples);
        problems = List.copyOf(problems);
    }

    /** True when nothing blocks {@code execute}: no problems, rehearsal passed or was skipped. */
    public boolean ready() {
        return problems.isEmpty();
    }

    /**
     * The rehearsal: the batches of execute, in one transaction rolled back at the end.
     *
     * @param performed     false when skipped (option) or impossible (problems before it)
     * @param succeeded     whether every batch went through
     * @param resources     rows the rehearsal inserted into resources
     * @param capabilities  rows the rehearsal inserted into capabilities
     * @param millis        its wall time
     * @param error         the failure, or null
     */
    public record Rehearsal(boolean performed, boolean succeeded, long resources, long capabilities, long millis, String error) {
    }
}
