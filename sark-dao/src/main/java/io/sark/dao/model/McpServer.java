package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A SARK v1 MCP server (row of {@code mcp_servers}), read-only.
 *
 * @param id server id
 * @param name name
 * @param description free text
 * @param transport transport
 * @param endpoint URL (http/sse)
 * @param command command line (stdio)
 * @param mcpVersion MCP protocol version
 * @param capabilities JSON (array by default)
 * @param sensitivityLevel sensitivity
 * @param signature signature
 * @param status lifecycle status
 * @param healthEndpoint health check URL
 * @param lastHealthCheck last health check
 * @param ownerId owning user
 * @param teamId owning team
 * @param consulId Consul service id
 * @param tags JSON (array by default)
 * @param extraMetadata JSON object
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record McpServer(UUID id, String name, Optional<String> description, TransportType transport, Optional<String> endpoint,
                        Optional<String> command, String mcpVersion, JsonNode capabilities, SensitivityLevel sensitivityLevel,
                        Optional<String> signature, ServerStatus status, Optional<String> healthEndpoint,
                        Optional<Instant> lastHealthCheck, Optional<UUID> ownerId, Optional<UUID> teamId,
                        Optional<String> consulId, JsonNode tags, JsonNode extraMetadata, Instant createdAt, Instant updatedAt) {
}
