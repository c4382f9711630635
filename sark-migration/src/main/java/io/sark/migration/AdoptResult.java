package io.sark.migration;

import java.util.List;

/**
 * Result of {@link SchemaAdoption#adopt(boolean)}.
 *
 * @param schema          the schema adopted
 * @param shape           the detected v1 shape
 * @param outcome         {@code adopted} | {@code already-managed} | {@code refused} | {@code verified} (dry run)
 * @param differences     why the schema is not the v1 shape (refused when not empty)
 * @param notes           tolerated deviations (extra enum labels, extra columns, alembic_version)
 * @param initialVersion  SARK schema version before (null: not under Flyway)
 * @param currentVersion  SARK schema version after
 * @param applied         migrations applied (e.g. 6, 7)
 */
public record AdoptResult(String schema, SourceShape shape, String outcome, List<String> differences, List<String> notes,
                          String initialVersion, String currentVersion, List<String> applied) {
    public AdoptResult {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
        applied = List.copyOf(applied);
    }

    /** Whether the schema is (now) under Flyway at the latest version. */
    public boolean ok() {
        return !"refused".equals(outcome);
    }
}
