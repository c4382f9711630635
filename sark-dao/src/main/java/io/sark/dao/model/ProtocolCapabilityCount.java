package io.sark.dao.model;

/**
 * Number of resources and capabilities of one protocol (reference pattern 6).
 *
 * @param protocol the protocol
 * @param resourceCount resources of that protocol
 * @param capabilityCount capabilities of those resources
 */
public record ProtocolCapabilityCount(Protocol protocol, long resourceCount, long capabilityCount) {
}
