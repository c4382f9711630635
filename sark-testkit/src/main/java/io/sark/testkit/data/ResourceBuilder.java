package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.CapabilitiesRecord;
import io.sark.schema.jooq.tables.records.ResourcesRecord;
import io.sark.schema.json.SarkJson;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code resources} row and optionally its capabilities. Defaults: id and name {@code resource-<n>-<suffix>},
 * protocol {@code mcp}, an endpoint that fits the protocol, sensitivity {@code medium}, no capabilities.
 */
public final class ResourceBuilder {

    private static final String[] SENSITIVITIES = {"low", "medium", "high", "critical"};

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
        record.setProtocol("mcp");
        record.setSensitivityLevel("medium");
        record.setCreatedAt(data.now());
        record.setUpdatedAt(data.now());
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

    /** The protocol: a lowercase identifier such as {@code mcp}, {@code http}, {@code grpc}. */
    public ResourceBuilder protocol(String protocol) {
        record.setProtocol(protocol);
        return this;
    }

    /** The endpoint (default derived from the protocol and name). */
    public ResourceBuilder endpoint(String endpoint) {
        record.setEndpoint(endpoint);
        endpointSet = true;
        return this;
    }

    /** {@code low}, {@code medium}, {@code high} or {@code critical}. */
    public ResourceBuilder sensitivity(String sensitivity) {
        record.setSensitivityLevel(sensitivity);
        return this;
    }

    /** A sensitivity drawn from the seed. */
    public ResourceBuilder randomSensitivity() {
        return sensitivity(draw.pick(SENSITIVITIES));
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

    /** Adds one capability customised by {@code spec}, e.g. {@code c -> c.name("read_file").sensitivity("high")}. */
    public ResourceBuilder capability(Consumer<CapabilityBuilder> spec) {
        capabilities.add(spec);
        return this;
    }

    /** Inserts the resource and its capabilities in one transaction. */
    public TestResource insert() {
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
        return data.dsl().transactionResult(tx -> {
            ResourcesRecord resource = Rows.insert(tx.dsl(), Tables.RESOURCES, record);
            List<CapabilitiesRecord> stored = new ArrayList<>();
            for (CapabilityBuilder b : builders) {
                stored.add(b.insertInto(tx.dsl(), resource.getId()));
            }
            return new TestResource(resource, stored);
        });
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
