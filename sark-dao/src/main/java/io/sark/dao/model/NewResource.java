package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.util.UUID;

/**
 * What {@code ResourceDao.create}/{@code upsert} write. Validated on construction: an invalid value throws
 * {@link io.sark.schema.InvalidInputException} naming the field, so nothing invalid ever reaches the database.
 *
 * <pre>{@code
 * NewResource fs = NewResource.mcp("fs", "npx -y @mcp/server-fs").sensitivity(SensitivityLevel.HIGH);
 * }</pre>
 *
 * @param id at most 255 characters; the factories generate a random UUID
 * @param name 1–255 characters
 * @param protocol the protocol
 * @param endpoint 1–1000 characters
 * @param sensitivityLevel default {@link SensitivityLevel#MEDIUM}
 * @param metadata a JSON object, default {@code {}}
 */
public record NewResource(String id, String name, Protocol protocol, String endpoint, SensitivityLevel sensitivityLevel,
                          JsonNode metadata) {

    public NewResource {
        Check.required("id", id, 255);
        Check.required("name", name, 255);
        Check.notNull("protocol", protocol);
        Check.required("endpoint", endpoint, 1000);
        Check.notNull("sensitivityLevel", sensitivityLevel);
        metadata = Check.jsonObjectOrEmpty("metadata", metadata).deepCopy();
    }

    /** A resource with a generated id, sensitivity {@code medium} and empty metadata. */
    public static NewResource of(Protocol protocol, String name, String endpoint) {
        return new NewResource(UUID.randomUUID().toString(), name, protocol, endpoint, SensitivityLevel.MEDIUM, null);
    }

    /** An MCP resource (see {@link #of}). */
    public static NewResource mcp(String name, String endpoint) {
        return of(Protocol.MCP, name, endpoint);
    }

    /** An HTTP resource (see {@link #of}). */
    public static NewResource http(String name, String endpoint) {
        return of(Protocol.HTTP, name, endpoint);
    }

    /** A gRPC resource (see {@link #of}); the endpoint is e.g. {@code grpc://host:50051/pkg.Service}. */
    public static NewResource grpc(String name, String endpoint) {
        return of(Protocol.GRPC, name, endpoint);
    }

    /** A copy with another id. */
    public NewResource id(String newId) {
        return new NewResource(newId, name, protocol, endpoint, sensitivityLevel, metadata);
    }

    /** A copy with another sensitivity. */
    public NewResource sensitivity(SensitivityLevel level) {
        return new NewResource(id, name, protocol, endpoint, level, metadata);
    }

    /** A copy with other metadata (a JSON object). */
    public NewResource metadata(JsonNode newMetadata) {
        return new NewResource(id, name, protocol, endpoint, sensitivityLevel, newMetadata);
    }
}
