package io.sark.dao;

import static io.sark.schema.jooq.Tables.MCP_SERVERS;
import static io.sark.schema.jooq.Tables.MCP_TOOLS;

import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.model.McpServer;
import io.sark.dao.model.McpTool;
import io.sark.schema.jooq.tables.records.McpServersRecord;
import io.sark.schema.jooq.tables.records.McpToolsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;

/** Read access to the SARK v1 catalogue ({@code mcp_servers}, {@code mcp_tools}); v2 code writes resources instead. */
public final class McpCatalogDao {

    private final DaoContext context;

    McpCatalogDao(DaoContext context) {
        this.context = context;
    }

    /** The server with this id. */
    public Optional<McpServer> findServer(UUID id) {
        Check.notNull("id", id);
        return context.dsl().selectFrom(MCP_SERVERS).where(MCP_SERVERS.ID.eq(id)).fetchOptional()
                .map(McpCatalogDao::server);
    }

    /** All servers ordered by name, then id. */
    public List<McpServer> listServers() {
        return context.dsl().selectFrom(MCP_SERVERS).orderBy(MCP_SERVERS.NAME, MCP_SERVERS.ID)
                .fetch(McpCatalogDao::server);
    }

    /** The tool with this id. */
    public Optional<McpTool> findTool(UUID id) {
        Check.notNull("id", id);
        return context.dsl().selectFrom(MCP_TOOLS).where(MCP_TOOLS.ID.eq(id)).fetchOptional()
                .map(McpCatalogDao::tool);
    }

    /** The tools of a server ordered by name, then id. */
    public List<McpTool> toolsOf(UUID serverId) {
        Check.notNull("serverId", serverId);
        return context.dsl().selectFrom(MCP_TOOLS).where(MCP_TOOLS.SERVER_ID.eq(serverId))
                .orderBy(MCP_TOOLS.NAME, MCP_TOOLS.ID).fetch(McpCatalogDao::tool);
    }

    private static McpServer server(Record rec) {
        McpServersRecord r = rec.into(MCP_SERVERS);
        return new McpServer(r.getId(), r.getName(), Optional.ofNullable(r.getDescription()), Db.api(r.getTransport()),
                Optional.ofNullable(r.getEndpoint()), Optional.ofNullable(r.getCommand()), r.getMcpVersion(), r.getCapabilities(),
                Db.api(r.getSensitivityLevel()), Optional.ofNullable(r.getSignature()), Db.api(r.getStatus()),
                Optional.ofNullable(r.getHealthEndpoint()), Db.optInstant(r.getLastHealthCheck()),
                Optional.ofNullable(r.getOwnerId()), Optional.ofNullable(r.getTeamId()), Optional.ofNullable(r.getConsulId()),
                r.getTags(), r.getExtraMetadata(), Db.instant(r.getCreatedAt()), Db.instant(r.getUpdatedAt()));
    }

    private static McpTool tool(Record rec) {
        McpToolsRecord r = rec.into(MCP_TOOLS);
        return new McpTool(r.getId(), r.getServerId(), r.getName(), Optional.ofNullable(r.getDescription()),
                r.getParametersSchema(), Db.api(r.getSensitivityLevel()), r.getRequiresApproval(),
                Optional.ofNullable(r.getSignature()), r.getExtraMetadata(), Db.instant(r.getCreatedAt()),
                Db.instant(r.getUpdatedAt()));
    }
}
