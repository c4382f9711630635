package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A team (row of {@code teams}).
 *
 * @param id team id
 * @param name unique name
 * @param description free text
 * @param extraMetadata JSON object
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record Team(UUID id, String name, Optional<String> description, JsonNode extraMetadata, Instant createdAt,
                   Instant updatedAt) {
}
