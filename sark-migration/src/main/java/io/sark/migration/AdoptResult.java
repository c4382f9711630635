package io.sark.migration;

import java.util.List;

/**
 * Result of {@link SchemaAdoption#adopt(boolean)}.
 *
 * @param schema          the schema adopted
 * @param shape           the detected v1 shape
 * @param outcome         what adopt did
 * @param differences     why adopt refused: how the schema differs from the v1 shape, or that it would change rows
 *                        without {@code allowDataChanges} (refused when not empty)
 * @param notes           tolerated deviations (extra enum labels, extra columns, alembic_version)
 * @param initialVersion  SARK schema version before (null: not under Flyway)
 * @param currentVersion  SARK schema version after
 * @param applied         migrations applied (e.g. 6, 7)
 * @param tableChanges    every existing table adopt changes (or changed), and how; empty when already managed
 * @param rowChanges      every kind of existing row adopt changes (or changed), with counts
 */
public record AdoptResult(String schema, SourceShape shape, AdoptOutcome outcome, List<String> differences, List<String> notes,
                          String initialVersion, String currentVersion, List<String> applied, List<String> tableChanges,
                          List<RowChange> rowChanges) {
    public AdoptResult {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
        applied = List.copyOf(applied);
        tableChanges = List.copyOf(tableChanges);
        rowChanges = List.copyOf(rowChanges);
    }

    /**
     * Existing rows of one table that adopt changes.
     *
     * @param table  the table
     * @param change what happens to them
     * @param rows   how many
     * @param ids    their ids where they have one (first 50)
     */
    public record RowChange(String table, String change, long rows, List<String> ids) {
        public RowChange {
            ids = List.copyOf(ids);
        }
    }

    /** Whether the schema is (now) under Flyway at the latest version. */
    public boolean ok() {
        return outcome != AdoptOutcome.REFUSED;
    }
}
