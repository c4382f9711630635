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
 * Each also checks the ledger's key (V9): triggers on TimescaleDB, on the hypertable and every chunk, with no
 * foreign key left on any chunk; the foreign key elsewhere.
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
            ledgerRowsInTwoWeeks(ds, db.schema());
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
            assertLedgerKey(ds, db.schema());
        }
    }

    @Test
    void upgradingFromV8MovesTheLedgerKeyOffTheExistingChunks() throws SQLException {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            DataSource ds = db.dataSource();
            if (Platform.expected() == Platform.TIMESCALEDB) {
                Sql.exec(ds, "CREATE EXTENSION IF NOT EXISTS timescaledb SCHEMA public");
            }
            SarkSchema.configure().dataSource(ds).schema(db.schema()).target("8").load().migrate();
            ledgerRowsInTwoWeeks(ds, db.schema());
            SarkSchema.configure().dataSource(ds).schema(db.schema()).load().migrate();
            assertLedgerKey(ds, db.schema());
        }
    }

    /** A budget row and two ledger rows a month apart: two chunks on TimescaleDB. */
    private static void ledgerRowsInTwoWeeks(DataSource ds, String schema) throws SQLException {
        Sql.exec(ds, "INSERT INTO " + schema + ".principal_budgets (principal_id) VALUES ('p1')",
                "INSERT INTO " + schema + ".cost_tracking (principal_id, resource_id, capability_id, actual_cost, \"timestamp\")"
                        + " VALUES ('p1', 'r', 'c', 1, '2025-01-01Z'), ('p1', 'r', 'c', 2, '2025-02-01Z')");
    }

    private static void assertLedgerKey(DataSource ds, String schema) throws SQLException {
        assertThat(Sql.value(ds, "SELECT count(*) FROM " + schema + ".cost_tracking")).isEqualTo("2");
        String ledger = "'" + schema + ".cost_tracking'::regclass";
        if (Platform.expected() == Platform.TIMESCALEDB) {
            String tables = "(SELECT " + ledger + " UNION ALL SELECT format('%I.%I', chunk_schema, chunk_name)::regclass"
                    + " FROM timescaledb_information.chunks WHERE hypertable_schema = '" + schema
                    + "' AND hypertable_name = 'cost_tracking')";
            assertThat(Sql.value(ds, "SELECT count(*) FROM " + tables + " t")).as("the ledger and its 2 chunks").isEqualTo("3");
            assertThat(Sql.value(ds, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid IN " + tables))
                    .as("foreign keys left on the ledger or its chunks").isEqualTo("0");
            assertThat(Sql.value(ds, "SELECT count(*) FROM pg_trigger WHERE tgname = 'tr_cost_tracking_principal_key'"
                    + " AND tgrelid IN " + tables)).as("the key's trigger on the hypertable and each chunk").isEqualTo("3");
        } else {
            assertThat(Sql.rows(ds, "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = " + ledger))
                    .containsExactly(List.of("cost_tracking_principal_id_fkey"));
        }
        assertThat(Sql.sqlStateOf(ds, "INSERT INTO " + schema + ".cost_tracking (principal_id, resource_id, capability_id,"
                + " actual_cost, \"timestamp\") VALUES ('nobody', 'r', 'c', 1, '2025-01-01Z')")).isEqualTo("23503");
        assertThat(Sql.sqlStateOf(ds, "DELETE FROM " + schema + ".principal_budgets WHERE principal_id = 'p1'")).isEqualTo("23503");
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
