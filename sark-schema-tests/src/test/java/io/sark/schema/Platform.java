package io.sark.schema;

import java.util.Locale;

/**
 * The platform a run was asked to test ({@code -Dsark.test.platform}, set by {@code .ci/run}): {@code embedded}
 * (the default), {@code pg15}, {@code testcontainers}, {@code timescaledb} or {@code citus}. Tests whose expected
 * outcome differs by platform assert the outcome of the platform asked for, so a run on the wrong server fails.
 */
enum Platform {
    EMBEDDED, PG15, TESTCONTAINERS, TIMESCALEDB, CITUS;

    static Platform expected() {
        return valueOf(System.getProperty("sark.test.platform", "embedded").toUpperCase(Locale.ROOT));
    }

    /** The PostgreSQL major version of the platform's server. */
    int major() {
        return this == EMBEDDED ? 17 : 15;
    }
}
