package io.sark.example.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.util.Locale;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The suites really ran on the platform the build asked for ({@code -Dsark.test.platform}, set by
 * {@code .ci/run}; {@code embedded} by default): a run configured for containers that fell back to something
 * else, or a Citus run without workers, fails here instead of going green having tested something else.
 */
@SarkDatabaseTest
class PlatformTest {

    private static final String PLATFORM = System.getProperty("sark.test.platform", "embedded").toLowerCase(Locale.ROOT);

    @Test
    void theDatabaseIsOnThePlatformAskedFor(TestDatabase db, DSLContext dsl) {
        int major = dsl.fetchOne("SELECT current_setting('server_version_num')::int / 10000").get(0, Integer.class);
        String extensions = dsl.fetchOne("SELECT coalesce(string_agg(extname, ',' ORDER BY extname), '') FROM pg_extension"
                + " WHERE extname IN ('citus', 'timescaledb')").get(0, String.class);
        switch (PLATFORM) {
            case "embedded" -> {
                assertThat(db.server().description()).startsWith("embedded PostgreSQL");
                assertThat(major).isEqualTo(17);
                assertThat(extensions).isEmpty();
            }
            case "pg15" -> {
                assertThat(db.server().description()).startsWith("external PostgreSQL");
                assertThat(major).isEqualTo(15);
                assertThat(extensions).isEmpty();
            }
            case "testcontainers" -> {
                assertThat(db.server().description()).startsWith("Testcontainers PostgreSQL");
                assertThat(major).isEqualTo(15);
            }
            case "timescaledb" -> {
                assertThat(extensions).isEqualTo("timescaledb");
                assertThat(dsl.fetchOne("SELECT count(*) FROM timescaledb_information.hypertables"
                        + " WHERE hypertable_schema = ?", db.schema()).get(0, Integer.class)).isEqualTo(3);
            }
            case "citus" -> {
                assertThat(extensions).isEqualTo("citus");
                assertThat(db.isSchema()).as("schema isolation on Citus").isTrue();
                assertThat(dsl.fetchOne("SELECT count(*) FROM citus_get_active_worker_nodes()").get(0, Integer.class)).isEqualTo(2);
            }
            default -> throw new AssertionError("unknown sark.test.platform " + PLATFORM);
        }
    }
}
