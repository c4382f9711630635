package io.sark.dao;

import static io.sark.dao.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.model.McpServer;
import io.sark.dao.model.McpTool;
import io.sark.dao.model.SensitivityLevel;
import io.sark.dao.model.ServerStatus;
import io.sark.dao.model.TransportType;
import io.sark.testkit.SarkDatabaseTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class McpCatalogDaoTest {

    @Test
    void readsV1ServersAndTools(DataSource ds, DSLContext dsl) {
        UUID server = UUID.randomUUID();
        UUID tool1 = UUID.randomUUID();
        UUID tool2 = UUID.randomUUID();
        dsl.execute("INSERT INTO mcp_servers (id, name, transport, command, sensitivity_level, status, tags) "
                + "VALUES (?, 'fs', 'stdio', 'npx fs', 'high', 'active', '[\"a\"]')", server);
        dsl.execute("INSERT INTO mcp_tools (id, server_id, name, parameters_schema, sensitivity_level, requires_approval) VALUES "
                + "(?, ?, 'write', '{\"type\":\"object\"}', 'critical', true), (?, ?, 'read', '{}', 'low', false)", tool1, server, tool2, server);
        SarkDatabase db = Dbs.using(ds);
        McpServer s = db.mcpCatalog().findServer(server).orElseThrow();
        assertThat(s.transport()).isEqualTo(TransportType.STDIO);
        assertThat(s.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(s.sensitivityLevel()).isEqualTo(SensitivityLevel.HIGH);
        assertThat(s.command()).contains("npx fs");
        assertThat(s.endpoint()).isEmpty();
        assertThat(s.tags()).isEqualTo(json("[\"a\"]"));
        assertThat(s.capabilities()).isEqualTo(json("[]"));
        assertThat(s.mcpVersion()).isEqualTo("2025-06-18");
        assertThat(db.mcpCatalog().listServers()).containsExactly(s);
        assertThat(db.mcpCatalog().toolsOf(server)).extracting(McpTool::name).containsExactly("read", "write");
        McpTool w = db.mcpCatalog().findTool(tool1).orElseThrow();
        assertThat(w.requiresApproval()).isTrue();
        assertThat(w.sensitivityLevel()).isEqualTo(SensitivityLevel.CRITICAL);
        assertThat(w.parametersSchema()).isEqualTo(json("{\"type\":\"object\"}"));
        assertThat(db.mcpCatalog().findServer(UUID.randomUUID())).isEmpty();
        assertThat(db.mcpCatalog().findTool(UUID.randomUUID())).isEmpty();
        assertThat(db.mcpCatalog().toolsOf(UUID.randomUUID())).isEmpty();
    }
}
