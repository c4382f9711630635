package io.sark.dao.model;

import java.util.Optional;

/**
 * A row of the cross-protocol capability listing (reference pattern 7).
 *
 * @param protocol the resource's protocol
 * @param capabilityId the capability's id
 * @param capabilityName the capability's name
 * @param sensitivityLevel the capability's sensitivity
 * @param inputType the {@code "type"} member of the input schema, when it is present and a string
 */
public record CrossProtocolCapability(Protocol protocol, String capabilityId, String capabilityName,
                                      SensitivityLevel sensitivityLevel, Optional<String> inputType) {
}
