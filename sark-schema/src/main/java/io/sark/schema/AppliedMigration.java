package io.sark.schema;

/** One migration applied by {@link SarkSchema#migrate()}. */
public record AppliedMigration(String version, String description, int executionTimeMillis) {
}
