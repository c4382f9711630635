package io.sark.dao.internal;

import static io.sark.schema.jooq.Tables.CAPABILITIES;
import static io.sark.schema.jooq.Tables.RESOURCES;

import io.sark.dao.model.Capability;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.Resource;
import java.util.Optional;
import org.jooq.Record;

/** Maps catalogue rows to API records. Internal. */
public final class Rows {

    private Rows() {
    }

    public static Resource resource(Record r) {
        return new Resource(r.get(RESOURCES.ID), r.get(RESOURCES.NAME), new Protocol(r.get(RESOURCES.PROTOCOL)),
                r.get(RESOURCES.ENDPOINT), Db.sensitivity(r.get(RESOURCES.SENSITIVITY_LEVEL)), r.get(RESOURCES.METADATA),
                Db.instant(r.get(RESOURCES.CREATED_AT)), Db.instant(r.get(RESOURCES.UPDATED_AT)));
    }

    /**
     * A resource from a JDBC row of {@code RESOURCES.fields()} in declaration order (id, name, protocol, endpoint,
     * sensitivity_level, metadata, created_at, updated_at).
     */
    public static Resource resource(java.sql.ResultSet rs) throws java.sql.SQLException {
        String metadata = rs.getString(6);
        return new Resource(rs.getString(1), rs.getString(2), new Protocol(rs.getString(3)), rs.getString(4),
                Db.sensitivity(rs.getString(5)), json(metadata),
                rs.getObject(7, java.time.OffsetDateTime.class).toInstant(),
                rs.getObject(8, java.time.OffsetDateTime.class).toInstant());
    }

    public static Capability capability(Record r) {
        return new Capability(r.get(CAPABILITIES.ID), r.get(CAPABILITIES.RESOURCE_ID), r.get(CAPABILITIES.NAME),
                Optional.ofNullable(r.get(CAPABILITIES.DESCRIPTION)), r.get(CAPABILITIES.INPUT_SCHEMA),
                r.get(CAPABILITIES.OUTPUT_SCHEMA), Db.sensitivity(r.get(CAPABILITIES.SENSITIVITY_LEVEL)),
                r.get(CAPABILITIES.METADATA), Db.instant(r.get(CAPABILITIES.CREATED_AT)),
                Db.instant(r.get(CAPABILITIES.UPDATED_AT)));
    }

    /**
     * A capability from a JDBC row of {@code CAPABILITIES.fields()} in declaration order (id, resource_id, name,
     * description, input_schema, output_schema, sensitivity_level, metadata, created_at, updated_at).
     */
    public static Capability capability(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Capability(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                json(rs.getString(5)), json(rs.getString(6)), Db.sensitivity(rs.getString(7)), json(rs.getString(8)),
                rs.getObject(9, java.time.OffsetDateTime.class).toInstant(),
                rs.getObject(10, java.time.OffsetDateTime.class).toInstant());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        return text == null ? null : io.sark.schema.json.SarkJson.parse(text);
    }
}
