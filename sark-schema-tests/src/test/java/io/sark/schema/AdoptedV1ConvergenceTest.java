package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A v1 database made by the reference's migrations 001-005 differs from our V1-V5 only by its duplicate
 * unique structures (D6). Adopted at version 5, V6-V9 bring it to exactly the same schema as a fresh one,
 * keeping its rows.
 */
class AdoptedV1ConvergenceTest {

    @Test
    void aReferenceShapedV1DatabaseEndsWithTheSameSchemaAndKeepsItsRows() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            SarkSchema.configure().dataSource(db.dataSource()).target("5").load().migrate();
            // recreate the reference's shape: UNIQUE column constraint plus a separate unique index
            for (String[] u : List.of(new String[] {"users", "email", "ix_users_email"},
                    new String[] {"teams", "name", "ix_teams_name"},
                    new String[] {"mcp_servers", "consul_id", "ix_mcp_servers_consul_id"},
                    new String[] {"api_keys", "key_prefix", "ix_api_keys_key_prefix"},
                    new String[] {"policies", "name", "ix_policies_name"})) {
                Sql.exec(db.dataSource(),
                        "ALTER TABLE sark." + u[0] + " DROP CONSTRAINT " + u[2],
                        "ALTER TABLE sark." + u[0] + " ADD CONSTRAINT " + u[0] + "_" + u[1] + "_key UNIQUE (" + u[1] + ")",
                        "CREATE UNIQUE INDEX " + u[2] + " ON sark." + u[0] + " (" + u[1] + ")");
            }
            Sql.exec(db.dataSource(),
                    "INSERT INTO sark.audit_events (id, \"timestamp\", event_type) VALUES (gen_random_uuid(), now(), 'user_login')",
                    "INSERT INTO sark.gateway_audit_events (id, event_type, decision, reason, \"timestamp\", gateway_request_id) "
                            + "VALUES ('g1', 'tool_invoke', 'allow', 'ok', '2026-01-01 10:00:00', 'r1')",
                    "INSERT INTO sark.api_keys (id, user_id, name, key_prefix, key_hash, expires_at) "
                            + "VALUES (gen_random_uuid(), gen_random_uuid(), 'k', 'sark_abc', 'h', '2027-01-01 00:00:00')",
                    "DROP TABLE sark.sark_schema_history");

            SarkSchema schema = SarkSchema.configure().dataSource(db.dataSource()).load();
            schema.baseline(SarkSchema.V1_VERSION, "SARK v1 adopted");
            schema.migrate();

            SchemaCatalogTest.assertMatchesHead(db.dataSource(), SchemaCatalogTest.describe(db.dataSource(), "sark"));
            assertThat(Sql.value(db.dataSource(), "SELECT count(*) FROM sark.audit_events")).isEqualTo("1");
            // naive v1 timestamps are read as UTC
            assertThat(Sql.value(db.dataSource(),
                    "SELECT to_char(\"timestamp\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM sark.gateway_audit_events"))
                    .isEqualTo("2026-01-01 10:00");
            assertThat(Sql.value(db.dataSource(),
                    "SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM sark.api_keys"))
                    .isEqualTo("2027-01-01 00:00");
        }
    }
}
