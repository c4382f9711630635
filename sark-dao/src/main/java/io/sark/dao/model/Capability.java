package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A capability (tool, endpoint, method …) of a resource (row of {@code capabilities}).
 *
 * @param id capability id
 * @param resourceId the owning resource
 * @param name name, unique only by convention
 * @param description free text
 * @param inputSchema JSON object (JSON Schema of the input)
 * @param outputSchema JSON object (JSON Schema of the output)
 * @param sensitivityLevel sensitivity
 * @param metadata JSON object
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record Capability(String id, String resourceId, String name, Optional<String> description, JsonNode inputSchema,
                         JsonNode outputSchema, SensitivityLevel sensitivityLevel, JsonNode metadata, Instant createdAt,
                         Instant updatedAt) {
}
