package io.sark.dao.model;

/**
 * A row of the catalogue listings that join capabilities with their resource (reference patterns 3 and 4).
 *
 * @param resourceId the resource's id
 * @param resourceName the resource's name
 * @param protocol the resource's protocol
 * @param capabilityId the capability's id
 * @param capabilityName the capability's name
 * @param sensitivityLevel the capability's sensitivity
 */
public record CapabilityWithResource(String resourceId, String resourceName, Protocol protocol, String capabilityId,
                                     String capabilityName, SensitivityLevel sensitivityLevel) {
}
