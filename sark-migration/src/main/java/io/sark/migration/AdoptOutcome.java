package io.sark.migration;

import java.util.Locale;

/** What {@link SchemaAdoption} did with a schema. */
public enum AdoptOutcome {
    /** The v1 schema was verified and put under Flyway at version 5, then migrated to the latest version. */
    ADOPTED,
    /** The schema already had Flyway history: nothing to adopt (pending migrations, if any, were applied). */
    ALREADY_MANAGED,
    /** The schema differs from what a v1 schema must hold; nothing was changed ({@link AdoptResult#differences()}). */
    REFUSED,
    /** Dry run: the schema could be adopted; nothing was changed. */
    VERIFIED;

    /** The outcome as the CLI prints it, e.g. {@code already-managed}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
