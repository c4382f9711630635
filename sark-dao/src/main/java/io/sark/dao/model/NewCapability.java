package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.util.UUID;

/**
 * A capability to create under a resource. Validated on construction (throws
 * {@link io.sark.schema.InvalidInputException} naming the field): the schemas and metadata must be JSON objects.
 *
 * <pre>{@code
 * NewCapability.of("read_file").description("Reads a file").inputSchema(schema).sensitivity(SensitivityLevel.HIGH)
 * }</pre>
 *
 * @param id at most 255 characters; {@link #of} generates a random UUID
 * @param name 1–255 characters
 * @param description optional free text (null for none)
 * @param inputSchema JSON object, default {@code {}}
 * @param outputSchema JSON object, default {@code {}}
 * @param sensitivityLevel default {@link SensitivityLevel#MEDIUM}
 * @param metadata JSON object, default {@code {}}
 */
public record NewCapability(String id, String name, String description, JsonNode inputSchema, JsonNode outputSchema,
                            SensitivityLevel sensitivityLevel, JsonNode metadata) {

    public NewCapability {
        Check.required("id", id, 255);
        Check.required("name", name, 255);
        Check.text("description", description);
        inputSchema = Check.jsonObjectOrEmpty("inputSchema", inputSchema).deepCopy();
        outputSchema = Check.jsonObjectOrEmpty("outputSchema", outputSchema).deepCopy();
        Check.notNull("sensitivityLevel", sensitivityLevel);
        metadata = Check.jsonObjectOrEmpty("metadata", metadata).deepCopy();
    }

    /** A capability with a generated id, no description, empty schemas and metadata, sensitivity {@code medium}. */
    public static NewCapability of(String name) {
        return new NewCapability(UUID.randomUUID().toString(), name, null, null, null, SensitivityLevel.MEDIUM, null);
    }

    public NewCapability id(String v) {
        return new NewCapability(v, name, description, inputSchema, outputSchema, sensitivityLevel, metadata);
    }

    public NewCapability description(String v) {
        return new NewCapability(id, name, v, inputSchema, outputSchema, sensitivityLevel, metadata);
    }

    public NewCapability inputSchema(JsonNode v) {
        return new NewCapability(id, name, description, Check.jsonObject("inputSchema", v), outputSchema, sensitivityLevel, metadata);
    }

    public NewCapability outputSchema(JsonNode v) {
        return new NewCapability(id, name, description, inputSchema, Check.jsonObject("outputSchema", v), sensitivityLevel, metadata);
    }

    public NewCapability sensitivity(SensitivityLevel v) {
        return new NewCapability(id, name, description, inputSchema, outputSchema, v, metadata);
    }

    public NewCapability metadata(JsonNode v) {
        return new NewCapability(id, name, description, inputSchema, outputSchema, sensitivityLevel, Check.jsonObject("metadata", v));
    }
}
