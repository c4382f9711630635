package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A governed resource of any protocol (row of {@code resources}).
 *
 * @param id the resource id (caller-chosen or generated, at most 255 characters)
 * @param name display name
 * @param protocol the protocol
 * @param endpoint where the resource is reached (URL, command line, …)
 * @param sensitivityLevel sensitivity
 * @param metadata free-form JSON object
 * @param createdAt when the row was created
 * @param updatedAt when the row was last changed
 */
public record Resource(String id, String name, Protocol protocol, String endpoint, SensitivityLevel sensitivityLevel,
                       JsonNode metadata, Instant createdAt, Instant updatedAt) {
}
