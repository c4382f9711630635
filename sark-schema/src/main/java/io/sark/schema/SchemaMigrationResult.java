package io.sark.schema;

import java.util.List;
import java.util.Optional;

/**
 * What {@link SarkSchema#migrate()} did.
 *
 * @param schema         the PostgreSQL schema
 * @param initialVersion the version before migrating (empty for a new schema)
 * @param currentVersion the version after migrating
 * @param applied        the migrations applied by this call, in order (empty when already up to date)
 */
public record SchemaMigrationResult(String schema, Optional<String> initialVersion, String currentVersion,
                                    List<AppliedMigration> applied) {
    public SchemaMigrationResult {
        applied = List.copyOf(applied);
    }
}
