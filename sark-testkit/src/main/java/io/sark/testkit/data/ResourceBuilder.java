package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.dao.model.SensitivityLevel;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.ResourcesRecord;
import io.sark.schema.json.SarkJson;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A resource and optionally its capabilities. Defaults: id and name {@code resource-<n>-<suffix>},
 * {@link Protocol#MCP}, an endpoint that fits the protocol, {@link SensitivityLevel#MEDIUM}, no capabilities.
 * {@link #insert()} returns the DAO's {@link ResourceWithCapabilities} (capabilities ordered by name, then id, as
 * {@code resources().findWithCapabilities} reads them).
 */
public final class ResourceBuilder {


    private final SarkData data;
    private final Draw draw;
    private final ResourcesRecord record = new ResourcesRecord();
    private final ObjectNode metadata = SarkJson.object();
    private final List<Consumer<CapabilityBuilder>> capabilities = new ArrayList<>();
    private boolean endpointSet;

    ResourceBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        String label = draw.label("resource");
        record.setId(label);
        record.setName(label);
        record.setProtocol(Protocol.MCP.value());
        record.setSensitivityLevel(SensitivityLevel.MEDIUM.dbValue());
        record.setCreatedAt(Times.column(data.now()));
        record.setUpdatedAt(Times.column(data.now()));
    }

    /** The id (primary key). */
    public ResourceBuilder id(String id) {
        record.setId(id);
        return this;
    }

    /** The name. */
    public ResourceBuilder name(String name) {
        record.setName(name);
        return this;
    }

    /** The protocol, e.g. {@link Protocol#HTTP} or {@code Protocol.of("soap")}. */
    public ResourceBuilder protocol(Protocol protocol) {
        record.setProtocol(protocol.value());
        return this;
    }

    /** The endpoint (default derived from the protocol and name). */
    public ResourceBuilder endpoint(String endpoint) {
        record.setEndpoint(endpoint);
        endpointSet = true;
        return this;
    }

    /** The sensitivity level. */
    public ResourceBuilder sensitivity(SensitivityLevel sensitivity) {
        record.setSensitivityLevel(sensitivity.dbValue());
        return this;
    }

    /** A sensitivity drawn from the seed. */
    public ResourceBuilder randomSensitivity() {
        return sensitivity(draw.pick(SensitivityLevel.values()));
    }

    /** Adds {@code key: value} to {@code metadata}. */
    public ResourceBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Adds {@code count} capabilities with default values. */
    public ResourceBuilder withCapabilities(int count) {
        for (int i = 0; i < count; i++) {
            capabilities.add(c -> { });
        }
        return this;
    }

    /** Adds one capability customised by {@code spec}, e.g. {@code c -> c.name("read_file").sensitivity(HIGH)}. */
    public ResourceBuilder capability(Consumer<CapabilityBuilder> spec) {
        capabilities.add(spec);
        return this;
    }

    /** Inserts the resource and its capabilities in one transaction and returns them as the DAO reads them. */
    public ResourceWithCapabilities insert() {
        if (!endpointSet) {
            record.setEndpoint(defaultEndpoint(record.getProtocol(), record.getName()));
        }
        record.setMetadata(metadata);
        List<CapabilityBuilder> builders = new ArrayList<>();
        for (Consumer<CapabilityBuilder> spec : capabilities) {
            CapabilityBuilder b = data.capability();
            spec.accept(b);
            builders.add(b);
        }
        String id = data.dsl().transactionResult(tx -> {
            ResourcesRecord resource = Rows.insert(tx.dsl(), Tables.RESOURCES, record);
            for (CapabilityBuilder b : builders) {
                b.insertInto(tx.dsl(), resource.getId());
            }
            return resource.getId();
        });
        return data.readBack("resource", db -> db.resources().findWithCapabilities(id));
    }

    private static String defaultEndpoint(String protocol, String name) {
        switch (protocol) {
            case "http":
            case "https":
                return "https://" + name + ".example.test/api";
            case "grpc":
                return "grpc://" + name + ".example.test:443";
            case "mcp":
                return "npx -y @example/" + name;
            default:
                return protocol + "://" + name + ".example.test";
        }
    }
}
