package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.NewAuditEvent;
import io.sark.schema.SarkException;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.SarkDatabaseTest;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** What db.dsl(), an unmigrated schema and bad JSON text throw. */
@SarkDatabaseTest
class ErrorTranslationTest {

    @Test
    void dbDslTranslatesLikeTheTransactionDsl(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        var e = db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN));
        assertThatThrownBy(() -> db.dsl().execute("delete from audit_events where id = ?", e.id()))
                .isInstanceOf(AppendOnlyViolationException.class);
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().execute("delete from audit_events where id = ?", e.id())))
                .isInstanceOf(AppendOnlyViolationException.class);
    }

    /**
     * TimescaleDB reports the chunk's copy of a key ({@code 2_7_audit_events_pkey}), Citus the shard's
     * ({@code audit_events_pkey_102008}) and only in the message: both are the SARK name to the caller.
     */
    @Test
    void duplicateKeysNameTheSarkConstraintOnEveryEngine(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String insertAudit = "insert into audit_events (id, \"timestamp\", event_type)"
                + " values ('8e0f2c52-4f5b-4f0e-9d7a-2f1c3b5a6d01', '2024-05-01Z', 'user_login')";
        db.dsl().execute(insertAudit);
        assertThatThrownBy(() -> db.dsl().execute(insertAudit)).isInstanceOfSatisfying(DuplicateKeyException.class,
                e -> assertThat(e.constraint()).isEqualTo("audit_events_pkey"));
        String insertGateway = "insert into gateway_audit_events (id, event_type, decision, reason, \"timestamp\","
                + " gateway_request_id) values ('dup-g1', 'tool_invoke', 'allow', 'ok', '2024-05-01Z', 'req-dup')";
        db.dsl().execute(insertGateway);
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().execute(insertGateway)))
                .isInstanceOfSatisfying(DuplicateKeyException.class,
                        e -> assertThat(e.constraint()).isEqualTo("gateway_audit_events_pkey"));
    }

    @Test
    void anUnmigratedSchemaSaysSo(DataSource ds, DSLContext dsl) {
        dsl.execute("create schema if not exists sark_unmigrated");
        SarkDatabase db = SarkDatabase.using(ds).withSchema("sark_unmigrated");
        assertThatThrownBy(() -> db.resources().findById("x")).isInstanceOf(SarkException.class)
                .hasMessageContaining("is the SARK schema migrated?");
    }

    @Test
    void invalidJsonTextIsASarkException() {
        assertThatThrownBy(() -> SarkJson.parse("{\"a\": ")).isInstanceOf(SarkException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> SarkJson.parse("[".repeat(10_000) + "]".repeat(10_000))).isInstanceOf(SarkException.class);
    }
}
