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

    public static Capability capability(Record r) {
        return new Capability(r.get(CAPABILITIES.ID), r.get(CAPABILITIES.RESOURCE_ID), r.get(CAPABILITIES.NAME),
                Optional.ofNullable(r.get(CAPABILITIES.DESCRIPTION)), r.get(CAPABILITIES.INPUT_SCHEMA),
                r.get(CAPABILITIES.OUTPUT_SCHEMA), Db.sensitivity(r.get(CAPABILITIES.SENSITIVITY_LEVEL)),
                r.get(CAPABILITIES.METADATA), Db.instant(r.get(CAPABILITIES.CREATED_AT)),
                Db.instant(r.get(CAPABILITIES.UPDATED_AT)));
    }
}
