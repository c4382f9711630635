package io.sark.testkit;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/**
 * How {@code CREATE DATABASE ... TEMPLATE} copies the template ({@code sark.testkit.clone-strategy}).
 * PostgreSQL 15 added {@code STRATEGY}; older servers always copy files and ignore this setting.
 */
public enum CloneStrategy {
    /**
     * {@link #FILE_COPY} on PostgreSQL 15 and later: it was the faster strategy for the small SARK template
     * in our measurements (docs/performance.md, "Testkit").
     */
    AUTO,
    /** Copies the template's files and checkpoints; cheap for small templates on a test server. */
    FILE_COPY,
    /** PostgreSQL 15+'s default: copies block by block through the WAL. */
    WAL_LOG;

    /**
     * Parses {@code auto}, {@code file_copy} or {@code wal_log} (case-insensitive).
     *
     * @throws InvalidInputException naming the property, with the accepted values
     */
    public static CloneStrategy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(TestkitSettings.CLONE_STRATEGY, "must be auto, file_copy or wal_log, got: " + value);
        }
    }

    /** The {@code STRATEGY} clause for a server of {@code serverVersionNum} (empty before PostgreSQL 15). */
    String clause(int serverVersionNum) {
        if (serverVersionNum < 150000) {
            return "";
        }
        return this == WAL_LOG ? " STRATEGY WAL_LOG" : " STRATEGY FILE_COPY";
    }
}
