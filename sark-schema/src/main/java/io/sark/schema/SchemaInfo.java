package io.sark.schema;

import java.util.List;
import java.util.Optional;

/**
 * The migration state of a SARK schema.
 *
 * @param schema         the PostgreSQL schema
 * @param currentVersion the last applied version, empty if none
 * @param pending        how many shipped migrations are not applied yet
 * @param migrations     every known migration, applied or not, in version order
 */
public record SchemaInfo(String schema, Optional<String> currentVersion, int pending, List<MigrationStatus> migrations) {
    public SchemaInfo {
        migrations = List.copyOf(migrations);
    }
}
