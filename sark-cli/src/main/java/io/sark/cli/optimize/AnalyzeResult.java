package io.sark.cli.optimize;

import java.util.List;

/**
 * Result of {@link QueryOptimizer#analyze()}.
 *
 * @param schema the schema analyzed
 * @param tables resources, capabilities, cost_tracking, federation_nodes (those that exist)
 */
public record AnalyzeResult(String schema, List<Table> tables) {
    public AnalyzeResult {
        tables = List.copyOf(tables);
    }

    /** One table: rows (estimate or live tuples), sizes in bytes, scan counters, indexes. */
    public record Table(String name, long rows, long tableBytes, long totalBytes, long seqScans, long indexScans, List<Index> indexes) {
        public Table {
            indexes = List.copyOf(indexes);
        }
    }

    /** One index: definition, size in bytes, scans since statistics reset, validity. */
    public record Index(String name, String definition, long bytes, long scans, boolean valid, boolean unique) {
    }
}
