package io.sark.dao.model;

import java.util.List;

/**
 * A resource and its capabilities (ordered by capability name, then id), read in one round trip.
 *
 * @param resource the resource
 * @param capabilities its capabilities
 */
public record ResourceWithCapabilities(Resource resource, List<Capability> capabilities) {

    public ResourceWithCapabilities {
        capabilities = List.copyOf(capabilities);
    }
}
