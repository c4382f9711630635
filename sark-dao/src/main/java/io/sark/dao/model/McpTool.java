package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A tool of a SARK v1 MCP server (row of {@code mcp_tools}), read-only.
 *
 * @param id tool id
 * @param serverId the server
 * @param name name
 * @param description free text
 * @param parametersSchema JSON schema of the parameters
 * @param sensitivityLevel sensitivity
 * @param requiresApproval whether a call needs approval
 * @param signature signature
 * @param extraMetadata JSON object
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record McpTool(UUID id, UUID serverId, String name, Optional<String> description, JsonNode parametersSchema,
                      SensitivityLevel sensitivityLevel, boolean requiresApproval, Optional<String> signature,
                      JsonNode extraMetadata, Instant createdAt, Instant updatedAt) {
}
