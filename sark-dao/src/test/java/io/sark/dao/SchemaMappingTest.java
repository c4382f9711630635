package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.NewAuditEvent;
import io.sark.dao.model.NewCapability;
import io.sark.dao.model.NewResource;
import io.sark.dao.model.Resource;
import io.sark.schema.InvalidInputException;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The DAOs in a non-default PostgreSQL schema (jOOQ render mapping), including the cached fast-path SQL and the purge. */
@SarkDatabaseTest(schema = "tenant_a")
class SchemaMappingTest {

    @Test
    void anInvalidSchemaNameIsRefusedNamingTheField(DataSource ds) {
        for (String bad : new String[] {"Tenant", "tenant-a", "x; DROP TABLE resources", ""}) {
            assertThatThrownBy(() -> SarkDatabase.using(ds).withSchema(bad))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("schema"));
        }
    }

    @Test
    void daosWorkInAnotherSchema(DataSource ds, DSLContext dsl, TestDatabase testDb) {
        // "tenant_a", or under schema isolation (Citus) the schema the testkit made for this class
        String tenant = testDb.schema();
        SarkDatabase db = SarkDatabase.using(ds).withSchema(tenant);
        assertThat(db.schema()).isEqualTo(testDb.isSchema() ? tenant : "tenant_a");
        Resource r = db.resources().register(NewResource.mcp("fs", "cmd"), List.of(NewCapability.of("read"))).resource();
        assertThat(db.resources().findById(r.id())).contains(r);
        assertThat(db.resources().findWithCapabilities(r.id()).orElseThrow().capabilities()).hasSize(1);
        assertThat(dsl.fetchValue("SELECT count(*) FROM " + tenant + ".resources WHERE id = ?", r.id())).isEqualTo(1L);
        assertThat(dsl.fetchValue("SELECT to_regclass('sark.resources') IS NULL")).isEqualTo(true);
        db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).timestamp(Instant.parse("2000-01-01T00:00:00Z")));
        assertThat(db.auditEvents().purgeOlderThan(Instant.parse("2000-01-02T00:00:00Z"))).isEqualTo(1);
    }
}
