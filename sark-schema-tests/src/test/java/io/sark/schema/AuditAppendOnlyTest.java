package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database itself keeps audit rows append-only; only the retention purge deletes, and only old rows. */
@SarkDatabaseTest
class AuditAppendOnlyTest {

    @BeforeAll
    static void seed(DataSource ds) throws SQLException {
        Sql.exec(ds,
                "INSERT INTO audit_events (id, \"timestamp\", event_type) VALUES "
                        + "(gen_random_uuid(), '2020-01-01Z', 'user_login'), (gen_random_uuid(), now(), 'cost_limit_exceeded')",
                "INSERT INTO gateway_audit_events (id, event_type, decision, reason, \"timestamp\", gateway_request_id) VALUES "
                        + "('g1', 'tool_invoke', 'allow', 'ok', '2020-01-01Z', 'req-1'), ('g2', 'tool_invoke', 'deny', 'no', now(), 'req-2')");
    }

    @Test
    void updateDeleteAndTruncateAreRefused(DataSource ds) throws SQLException {
        for (String table : new String[] {"audit_events", "gateway_audit_events"}) {
            assertThat(Sql.sqlStateOf(ds, "UPDATE " + table + " SET \"timestamp\" = now()")).isEqualTo("SK001");
            assertThat(Sql.sqlStateOf(ds, "DELETE FROM " + table)).isEqualTo("SK001");
            assertThat(Sql.sqlStateOf(ds, "TRUNCATE " + table)).isEqualTo("SK001");
        }
    }

    @Test
    void theRetentionPurgeDeletesOnlyRowsOlderThanTheCutoff(DataSource ds) throws SQLException {
        assertThat(Sql.value(ds, "SELECT sark_purge_audit_events('audit_events', '2021-01-01Z')")).isEqualTo("1");
        assertThat(Sql.value(ds, "SELECT sark_purge_audit_events('gateway_audit_events', '2021-01-01Z')")).isEqualTo("1");
        assertThat(Sql.value(ds, "SELECT count(*) FROM audit_events")).isEqualTo("1");
        assertThat(Sql.value(ds, "SELECT count(*) FROM gateway_audit_events")).isEqualTo("1");
        // the purge's permission ends with its own statement's transaction
        assertThat(Sql.sqlStateOf(ds, "DELETE FROM audit_events")).isEqualTo("SK001");
        assertThat(Sql.sqlStateOf(ds, "SELECT sark_purge_audit_events('resources', now())")).isEqualTo("22023");
        assertThat(Sql.sqlStateOf(ds, "SELECT sark_purge_audit_events('audit_events', NULL)")).isEqualTo("22004");
    }
}
