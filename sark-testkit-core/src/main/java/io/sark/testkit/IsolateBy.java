package io.sark.testkit;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** What a test database is on the server ({@code sark.testkit.isolate-by}). */
public enum IsolateBy {
    /** {@link #SCHEMA} where the server cannot clone databases, {@link #DATABASE} elsewhere. */
    AUTO,
    /** A {@code CREATE DATABASE ... TEMPLATE} clone of a template migrated once per JVM. */
    DATABASE,
    /**
     * A schema with a unique name, migrated (and seeded) for each test database, in the server's maintenance
     * database. For servers where a template cannot be cloned or {@code CREATE DATABASE} is not allowed: Citus
     * (its metadata lives per database and on every node) and managed services. Use
     * {@link TestDatabase#schema()} for the schema name: the schema asked for is only a prefix hint.
     */
    SCHEMA;

    /**
     * Parses {@code auto}, {@code database} or {@code schema} (case-insensitive).
     *
     * @throws InvalidInputException naming the property, with the accepted values
     */
    public static IsolateBy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(TestkitSettings.ISOLATE_BY, "must be auto, database or schema, got: " + value);
        }
    }
}
