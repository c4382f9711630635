package io.sark.testkit.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.Capability;
import io.sark.dao.model.Resource;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.dao.model.SensitivityLevel;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.CapabilitiesRecord;
import io.sark.schema.json.SarkJson;
import org.jooq.DSLContext;

/**
 * A capability. Defaults: id {@code capability-<n>-<suffix>}, name {@code tool_<n>}, a description, a JSON-Schema
 * object with one required string property as input, an object as output, {@link SensitivityLevel#MEDIUM}; a new
 * resource when {@link #resource} is not called. {@link #insert()} returns the DAO's {@link Capability}.
 */
public final class CapabilityBuilder {

    private final SarkData data;
    private final CapabilitiesRecord record = new CapabilitiesRecord();
    private final ObjectNode metadata = SarkJson.object();

    CapabilityBuilder(SarkData data, Draw draw) {
        this.data = data;
        record.setId(draw.label("capability"));
        record.setName("tool_" + draw.n);
        record.setDescription("Test capability " + draw.n);
        record.setInputSchema(SarkJson.parse("{\"type\":\"object\",\"properties\":{\"input\":{\"type\":\"string\"}},"
                + "\"required\":[\"input\"]}"));
        record.setOutputSchema(SarkJson.parse("{\"type\":\"object\"}"));
        record.setSensitivityLevel(SensitivityLevel.MEDIUM.dbValue());
        record.setCreatedAt(Times.column(data.now()));
        record.setUpdatedAt(Times.column(data.now()));
    }

    /** The resource it belongs to. */
    public CapabilityBuilder resource(String resourceId) {
        record.setResourceId(resourceId);
        return this;
    }

    /** The resource it belongs to. */
    public CapabilityBuilder resource(Resource resource) {
        return resource(resource.id());
    }

    /** The resource it belongs to. */
    public CapabilityBuilder resource(ResourceWithCapabilities resource) {
        return resource(resource.resource().id());
    }

    /** The id (primary key). */
    public CapabilityBuilder id(String id) {
        record.setId(id);
        return this;
    }

    /** The name. */
    public CapabilityBuilder name(String name) {
        record.setName(name);
        return this;
    }

    /** The description. */
    public CapabilityBuilder description(String description) {
        record.setDescription(description);
        return this;
    }

    /** The input JSON schema (must be an object). */
    public CapabilityBuilder inputSchema(JsonNode schema) {
        record.setInputSchema(schema);
        return this;
    }

    /** The output JSON schema (must be an object). */
    public CapabilityBuilder outputSchema(JsonNode schema) {
        record.setOutputSchema(schema);
        return this;
    }

    /** The sensitivity level. */
    public CapabilityBuilder sensitivity(SensitivityLevel sensitivity) {
        record.setSensitivityLevel(sensitivity.dbValue());
        return this;
    }

    /** Adds {@code key: value} to {@code metadata}. */
    public CapabilityBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Inserts the capability (and a default resource if none was given) and returns it as the DAO reads it. */
    public Capability insert() {
        String resourceId = record.getResourceId() != null ? record.getResourceId()
                : data.resource().insert().resource().id();
        String id = insertInto(data.dsl(), resourceId).getId();
        return data.readBack("capability", db -> db.capabilities().findById(id));
    }

    CapabilitiesRecord insertInto(DSLContext dsl, String resourceId) {
        record.setResourceId(resourceId);
        record.setMetadata(metadata);
        return Rows.insert(dsl, Tables.CAPABILITIES, record);
    }
}
