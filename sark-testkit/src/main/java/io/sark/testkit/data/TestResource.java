package io.sark.testkit.data;

import io.sark.schema.jooq.tables.records.CapabilitiesRecord;
import io.sark.schema.jooq.tables.records.ResourcesRecord;
import java.util.List;

/**
 * A resource and its capabilities as stored.
 *
 * @param resource     the {@code resources} row
 * @param capabilities its {@code capabilities} rows, in insertion order
 */
public record TestResource(ResourcesRecord resource, List<CapabilitiesRecord> capabilities) {

    /** Copies the list. */
    public TestResource {
        capabilities = List.copyOf(capabilities);
    }

    /** The resource id. */
    public String id() {
        return resource.getId();
    }
}
