package io.sark.testkit;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** Where the testkit gets its PostgreSQL server from ({@code sark.testkit.server}). */
public enum Provider {
    /** zonky embedded PostgreSQL started in this JVM (the default); no Docker, no network. */
    EMBEDDED,
    /** One Testcontainers PostgreSQL container per JVM; tests fail with the cause when Docker is unusable (or are skipped, if {@code sark.testkit.skip-without-docker=true}). */
    TESTCONTAINERS,
    /** {@link #TESTCONTAINERS} when a Docker engine answers, {@link #EMBEDDED} otherwise. */
    AUTO,
    /** An existing server given by a {@code jdbc:postgresql://} URL. */
    EXTERNAL;

    /**
     * Parses a {@code sark.testkit.server} value: {@code embedded}, {@code testcontainers}, {@code auto}
     * (case-insensitive) or a {@code jdbc:postgresql://} URL ({@link #EXTERNAL}).
     *
     * @throws InvalidInputException naming the property, with the accepted values
     */
    public static Provider parse(String value) {
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        String v = value.trim();
        if (v.startsWith("jdbc:postgresql://")) {
            return EXTERNAL;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "embedded":
                return EMBEDDED;
            case "testcontainers":
            case "docker":
                return TESTCONTAINERS;
            case "auto":
                return AUTO;
            default:
                throw new InvalidInputException(TestkitSettings.SERVER,
                        "must be embedded, testcontainers, auto or a jdbc:postgresql:// URL, got: " + value);
        }
    }

    /**
     * The provider actually used: {@link #AUTO} becomes {@link #TESTCONTAINERS} or {@link #EMBEDDED} by asking
     * {@code docker}; every other value is returned as is and {@code docker} is not asked (so no Docker client
     * code runs unless it can matter).
     */
    public Provider resolve(java.util.function.BooleanSupplier docker) {
        if (this != AUTO) {
            return this;
        }
        return docker.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
    }
}
