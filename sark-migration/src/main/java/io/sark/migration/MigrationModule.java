package io.sark.migration;

/** Placeholder until the v1 to v2 engine lands; see docs/migration-runbook.md. */
final class MigrationModule {
    private MigrationModule() {
    }
}
