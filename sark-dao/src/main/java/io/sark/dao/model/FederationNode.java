package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A trusted federation node (row of {@code federation_nodes}).
 *
 * @param id row id
 * @param nodeId the node's unique identifier
 * @param name display name
 * @param endpoint where the node is reached
 * @param trustAnchorCert the node's trust anchor, one PEM X.509 certificate
 * @param trustAnchorSha256 lowercase hex SHA-256 of the certificate's DER encoding (computed by the database)
 * @param enabled false once revoked
 * @param trustedSince when trust was (last) established
 * @param rateLimitPerHour requests per hour, empty for no limit
 * @param metadata JSON object
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record FederationNode(java.util.UUID id, String nodeId, String name, String endpoint, String trustAnchorCert,
                             String trustAnchorSha256, boolean enabled, Instant trustedSince, OptionalInt rateLimitPerHour,
                             JsonNode metadata, Instant createdAt, Instant updatedAt) {
}
