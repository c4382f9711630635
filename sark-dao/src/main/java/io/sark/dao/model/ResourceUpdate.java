package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.util.Optional;

/**
 * The changes {@code ResourceDao.update} applies; absent fields stay as they are. Validated on construction.
 *
 * <pre>{@code
 * ResourceUpdate.none().name("fs-2").sensitivity(SensitivityLevel.CRITICAL)
 * }</pre>
 */
public record ResourceUpdate(Optional<String> name, Optional<Protocol> protocol, Optional<String> endpoint,
                             Optional<SensitivityLevel> sensitivityLevel, Optional<JsonNode> metadata) {

    public ResourceUpdate {
        name.ifPresent(v -> Check.required("name", v, 255));
        endpoint.ifPresent(v -> Check.required("endpoint", v, 1000));
        metadata = metadata.map(m -> Check.jsonObject("metadata", m).deepCopy());
    }

    /** No changes (only {@code updated_at} moves). */
    public static ResourceUpdate none() {
        return new ResourceUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ResourceUpdate name(String v) {
        return new ResourceUpdate(Optional.of(Check.notNull("name", v)), protocol, endpoint, sensitivityLevel, metadata);
    }

    public ResourceUpdate protocol(Protocol v) {
        return new ResourceUpdate(name, Optional.of(Check.notNull("protocol", v)), endpoint, sensitivityLevel, metadata);
    }

    public ResourceUpdate endpoint(String v) {
        return new ResourceUpdate(name, protocol, Optional.of(Check.notNull("endpoint", v)), sensitivityLevel, metadata);
    }

    public ResourceUpdate sensitivity(SensitivityLevel v) {
        return new ResourceUpdate(name, protocol, endpoint, Optional.of(Check.notNull("sensitivityLevel", v)), metadata);
    }

    public ResourceUpdate metadata(JsonNode v) {
        return new ResourceUpdate(name, protocol, endpoint, sensitivityLevel, Optional.of(Check.jsonObject("metadata", v)));
    }
}
