package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.util.Optional;

/**
 * The changes {@code CapabilityDao.update} applies; absent fields stay as they are. Validated on construction.
 * {@code description} set to an empty Optional inside the outer Optional clears it.
 */
public record CapabilityUpdate(Optional<String> name, Optional<Optional<String>> description, Optional<JsonNode> inputSchema,
                               Optional<JsonNode> outputSchema, Optional<SensitivityLevel> sensitivityLevel,
                               Optional<JsonNode> metadata) {

    public CapabilityUpdate {
        name.ifPresent(v -> Check.required("name", v, 255));
        description.ifPresent(d -> d.ifPresent(v -> Check.text("description", v)));
        inputSchema = inputSchema.map(v -> Check.jsonObject("inputSchema", v).deepCopy());
        outputSchema = outputSchema.map(v -> Check.jsonObject("outputSchema", v).deepCopy());
        metadata = metadata.map(v -> Check.jsonObject("metadata", v).deepCopy());
    }

    /** No changes (only {@code updated_at} moves). */
    public static CapabilityUpdate none() {
        return new CapabilityUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public CapabilityUpdate name(String v) {
        return new CapabilityUpdate(Optional.of(Check.notNull("name", v)), description, inputSchema, outputSchema, sensitivityLevel, metadata);
    }

    /** Sets the description; null clears it. */
    public CapabilityUpdate description(String v) {
        return new CapabilityUpdate(name, Optional.of(Optional.ofNullable(v)), inputSchema, outputSchema, sensitivityLevel, metadata);
    }

    public CapabilityUpdate inputSchema(JsonNode v) {
        return new CapabilityUpdate(name, description, Optional.of(Check.jsonObject("inputSchema", v)), outputSchema, sensitivityLevel, metadata);
    }

    public CapabilityUpdate outputSchema(JsonNode v) {
        return new CapabilityUpdate(name, description, inputSchema, Optional.of(Check.jsonObject("outputSchema", v)), sensitivityLevel, metadata);
    }

    public CapabilityUpdate sensitivity(SensitivityLevel v) {
        return new CapabilityUpdate(name, description, inputSchema, outputSchema, Optional.of(Check.notNull("sensitivityLevel", v)), metadata);
    }

    public CapabilityUpdate metadata(JsonNode v) {
        return new CapabilityUpdate(name, description, inputSchema, outputSchema, sensitivityLevel, Optional.of(Check.jsonObject("metadata", v)));
    }
}
