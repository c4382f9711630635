package io.sark.dao;

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
        var e = db.auditEvents().append(NewAuditEvent.builder(AuditEventType.USER_LOGIN).build());
        assertThatThrownBy(() -> db.dsl().execute("delete from audit_events where id = ?", e.id()))
                .isInstanceOf(AppendOnlyViolationException.class);
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().execute("delete from audit_events where id = ?", e.id())))
                .isInstanceOf(AppendOnlyViolationException.class);
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
