package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * V7's scale-out step on the platform the run was asked for: an upgrade from V6 with audit rows already in
 * place (TimescaleDB's migrate_data truncates the parent, which the append-only trigger used to refuse), and
 * {@code sark_scale_out()} run again later, as an operator who adds the extension to an existing database does.
 */
class ScaleOutTest {

    @Test
    void upgradingFromV6KeepsExistingAuditRowsAndConvertsTheTables() throws SQLException {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            DataSource ds = db.dataSource();
            SarkSchema.configure().dataSource(ds).schema(db.schema()).target("6").load().migrate();
            Sql.exec(ds, "INSERT INTO audit_events (id, \"timestamp\", event_type) VALUES"
                            + " (gen_random_uuid(), '2020-01-01Z', 'user_login'), (gen_random_uuid(), now(), 'user_login')",
                    "INSERT INTO gateway_audit_events (id, event_type, decision, reason, \"timestamp\", gateway_request_id)"
                            + " VALUES ('g1', 'tool_invoke', 'allow', 'ok', '2020-01-01 00:00:00', 'req-1')");
            if (Platform.expected() == Platform.TIMESCALEDB) {
                Sql.exec(ds, "CREATE EXTENSION IF NOT EXISTS timescaledb SCHEMA public");
            }
            SarkSchema.configure().dataSource(ds).schema(db.schema()).load().migrate();

            assertThat(Sql.value(ds, "SELECT count(*) FROM audit_events")).isEqualTo("2");
            assertThat(Sql.value(ds, "SELECT count(*) FROM gateway_audit_events")).isEqualTo("1");
            assertConverted(ds);
            assertThat(Sql.sqlStateOf(ds, "DELETE FROM audit_events")).isEqualTo("SK001");
        }
    }

    @Test
    void runningTheScaleOutStepAgainKeepsRowsAndTriggers() throws SQLException {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            DataSource ds = db.dataSource();
            SarkSchema.configure().dataSource(ds).schema(db.schema()).load().migrate();
            Sql.exec(ds, "INSERT INTO audit_events (id, \"timestamp\", event_type) VALUES"
                    + " (gen_random_uuid(), '2020-01-01Z', 'user_login')");
            if (Platform.expected() == Platform.TIMESCALEDB) {
                // the extension arrives after V7: the operator's late conversion
                assertKind(ds, Platform.EMBEDDED, "plain before the extension");
                Sql.exec(ds, "CREATE EXTENSION IF NOT EXISTS timescaledb SCHEMA public");
            }
            assertThat(Sql.value(ds, "SELECT " + db.schema() + ".sark_scale_out()")).isEqualTo(switch (Platform.expected()) {
                case TIMESCALEDB -> "timescaledb";
                case CITUS -> "citus";
                default -> "postgresql";
            });
            assertThat(Sql.value(ds, "SELECT count(*) FROM " + db.schema() + ".audit_events")).isEqualTo("1");
            assertConverted(ds);
            assertThat(Sql.rows(ds, "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + db.schema()
                    + "' AND NOT t.tgisinternal AND t.tgenabled = 'A'")).containsExactly(List.of("4"));
            assertThat(Sql.sqlStateOf(ds, "TRUNCATE " + db.schema() + ".audit_events")).isEqualTo("SK001");
        }
    }

    private static void assertConverted(DataSource ds) throws SQLException {
        assertKind(ds, Platform.expected(), "converted");
    }

    /** Hypertables on TimescaleDB, distributed tables on Citus, plain tables elsewhere. */
    private static void assertKind(DataSource ds, Platform platform, String what) throws SQLException {
        String hypertables = "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_schema = current_schema()";
        String distributed = "SELECT count(*) FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                + " AND c.relname IN ('audit_events', 'gateway_audit_events', 'cost_tracking') AND p.partmethod = 'h'";
        switch (platform) {
            case TIMESCALEDB -> assertThat(Sql.value(ds, hypertables)).as(what).isEqualTo("3");
            case CITUS -> assertThat(Sql.value(ds, distributed)).as(what).isEqualTo("3");
            default -> assertThat(Sql.value(ds, "SELECT string_agg(DISTINCT relkind::text, ',') FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                    + " AND relname IN ('audit_events', 'gateway_audit_events', 'cost_tracking')")).as(what).isEqualTo("r");
        }
    }
}
