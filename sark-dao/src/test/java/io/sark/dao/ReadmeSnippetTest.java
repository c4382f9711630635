package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.model.*;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Use the DAO" section, compiled and run. Keep the block between the markers identical to README.md. */
@SarkDatabaseTest
class ReadmeSnippetTest {

    @Test
    void useTheDao(TestDatabase testDb) {
        // the snippet uses the default schema "sark"; schema isolation (Citus) gives this class another one
        org.junit.jupiter.api.Assumptions.assumeFalse(testDb.isSchema(), "the README snippet needs the schema sark of its own database");
        String url = testDb.jdbcUrl();
        String user = testDb.server().username();
        String password = testDb.server().password();
        Resource found;
        List<Resource> stdio;
        // --- README: Use the DAO ---
        try (SarkDatabase db = SarkDatabase.connect(SarkConfig.builder().jdbcUrl(url).username(user).password(password).build())) {
            ResourceWithCapabilities fs = db.resources().register(
                    NewResource.mcp("filesystem", "npx -y @mcp/server-fs").sensitivity(SensitivityLevel.HIGH)
                            .metadata(SarkJson.parse("{\"transport\": \"stdio\"}")),
                    List.of(NewCapability.of("read_file").inputSchema(SarkJson.parse("{\"type\": \"object\"}"))));
            found = db.resources().findById(fs.resource().id()).orElseThrow();
            stdio = db.resources().searchByMetadata(SarkJson.parse("{\"transport\": \"stdio\"}"), 100);
            db.useTransaction(tx -> tx.auditEvents().append(NewAuditEvent.of(AuditEventType.SERVER_REGISTERED)
                    .capabilityId(fs.capabilities().get(0).id())));
        }
        // --- end ---
        assertThat(found.name()).isEqualTo("filesystem");
        assertThat(stdio).containsExactly(found);
    }
}
