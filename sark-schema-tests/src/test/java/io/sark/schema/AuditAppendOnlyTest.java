package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database itself keeps audit rows append-only; only the retention purge deletes, and only old rows. */
@SarkDatabaseTest
class AuditAppendOnlyTest {

    /** An application role that has DELETE on the audit tables but does not own them. */
    private static final String APP_ROLE = "sark_app_" + Long.toString(System.nanoTime(), 36);

    @BeforeAll
    static void seed(DataSource ds) throws SQLException {
        Sql.exec(ds,
                "CREATE ROLE " + APP_ROLE + " LOGIN",
                "GRANT USAGE ON SCHEMA " + Sql.value(ds, "SELECT current_schema()") + " TO " + APP_ROLE,
                "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON audit_events, gateway_audit_events TO " + APP_ROLE);
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

    @AfterAll
    static void dropRole(DataSource ds) throws SQLException {
        Sql.exec(ds, "REVOKE ALL ON audit_events, gateway_audit_events FROM " + APP_ROLE,
                "REVOKE ALL ON SCHEMA " + Sql.value(ds, "SELECT current_schema()") + " FROM " + APP_ROLE,
                "DROP ROLE " + APP_ROLE);
    }

    @Test
    void aSessionSettingDoesNotOpenTheTrailToARoleThatIsNotTheOwner(DataSource ds) throws SQLException {
        for (String table : new String[] {"audit_events", "gateway_audit_events"}) {
            // the setting that opened the trail before: any role could set it
            assertThat(Sql.sqlStateOf(ds, "SET LOCAL ROLE " + APP_ROLE + "; SET LOCAL sark.audit_retention_purge = 'on';"
                    + " DELETE FROM " + table + " WHERE \"timestamp\" < '2021-01-01Z'")).isEqualTo("SK001");
            assertThat(Sql.sqlStateOf(ds, "SET LOCAL ROLE " + APP_ROLE + "; TRUNCATE " + table)).isEqualTo("SK001");
        }
    }

    @Test
    void theTriggersFireInReplicaModeToo(DataSource ds) throws SQLException {
        assertThat(Sql.rows(ds, """
                SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND c.relname IN ('audit_events', 'gateway_audit_events')
                ORDER BY 1
                """)).containsExactly(List.of("tr_audit_events_append_only", "A"), List.of("tr_audit_events_no_truncate", "A"),
                List.of("tr_gateway_audit_events_append_only", "A"), List.of("tr_gateway_audit_events_no_truncate", "A"));
        // TimescaleDB gives each new chunk the hypertable's triggers enabled ORIGIN, not ALWAYS (docs/platforms.md):
        // there a replica-mode session (superuser only) is not refused on chunks created after the conversion
        assertThat(Sql.sqlStateOf(ds, "SET LOCAL session_replication_role = replica;"
                + " DELETE FROM audit_events WHERE \"timestamp\" > now() - interval '1 hour'"))
                .isEqualTo(Platform.expected() == Platform.TIMESCALEDB ? null : "SK001");
    }

    @Test
    void thePurgeRefusesCutoffsWithinTheMinimumRetentionAndRowsThatYoungAreNeverDeleted(DataSource ds) throws SQLException {
        assertThat(Sql.value(ds, "SELECT sark_audit_minimum_retention()")).isEqualTo("1 day");
        assertThat(Sql.sqlStateOf(ds, "SELECT sark_purge_audit_events('audit_events', now())")).isEqualTo("22023");
        assertThat(Sql.sqlStateOf(ds, "SELECT sark_purge_audit_events('audit_events', now() - interval '23 hours')"))
                .isEqualTo("22023");
        // by hand, the owner deletes neither an old row nor, even with the purge's mark set, a young one
        assertThat(Sql.sqlStateOf(ds, "INSERT INTO audit_events (id, \"timestamp\", event_type)"
                + " VALUES (gen_random_uuid(), '2019-01-01Z', 'user_login');"
                + " DELETE FROM audit_events WHERE \"timestamp\" < '2020-01-01Z'")).isEqualTo("SK001");
        assertThat(Sql.sqlStateOf(ds, "SET LOCAL sark.audit_retention_purge = 'on';"
                + " DELETE FROM audit_events WHERE \"timestamp\" > now() - interval '1 hour'")).isEqualTo("SK001");
    }

    @Test
    void anApplicationRoleGrantedThePurgePurgesOldRowsThroughIt(DataSource ds) throws SQLException {
        String schema = Sql.value(ds, "SELECT current_schema()");
        // rolled back by sqlStateOf: the purge runs as the owner, whatever role calls it
        assertThat(Sql.sqlStateOf(ds, "SET LOCAL ROLE " + APP_ROLE + "; SELECT " + schema
                + ".sark_purge_audit_events('" + schema + ".audit_events', '2021-01-01Z')")).isNull();
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
