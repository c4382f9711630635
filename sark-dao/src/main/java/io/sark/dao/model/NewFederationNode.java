package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.Pem;

/**
 * A federation node to register. Validated on construction ({@link io.sark.schema.InvalidInputException} naming the
 * field); in particular {@code trustAnchorCert} must be exactly one PEM-encoded X.509 certificate. Its validity
 * period is checked when the node is registered ({@link io.sark.dao.FederationNodeDao#register}).
 *
 * @param nodeId 1–255 characters, unique: letters, digits, {@code .}, {@code _}, {@code -}, starting and ending
 *               with a letter or digit (a host-name-like identifier, e.g. {@code node-1.example.org})
 * @param name 1–255 characters
 * @param endpoint an absolute {@code https}, {@code http}, {@code grpcs} or {@code grpc} URL with a host, at most
 *                 500 characters
 * @param trustAnchorCert one PEM certificate ({@code -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----})
 * @param rateLimitPerHour requests per hour, at least 0; null for no limit
 * @param metadata JSON object, default {@code {}}
 */
public record NewFederationNode(String nodeId, String name, String endpoint, String trustAnchorCert, Integer rateLimitPerHour,
                                JsonNode metadata) {

    /** The default rate limit of the schema. */
    public static final int DEFAULT_RATE_LIMIT_PER_HOUR = 10_000;

    public NewFederationNode {
        Check.nodeId("nodeId", nodeId);
        Check.required("name", name, 255);
        Check.endpoint("endpoint", endpoint, 500);
        trustAnchorCert = Pem.requireOneCertificate("trustAnchorCert", trustAnchorCert);
        if (rateLimitPerHour != null) {
            Check.nonNegative("rateLimitPerHour", rateLimitPerHour);
        }
        metadata = Check.jsonObjectOrEmpty("metadata", metadata).deepCopy();
    }

    /** A node with the default rate limit ({@value #DEFAULT_RATE_LIMIT_PER_HOUR}/h) and empty metadata. */
    public static NewFederationNode of(String nodeId, String name, String endpoint, String trustAnchorCertPem) {
        return new NewFederationNode(nodeId, name, endpoint, trustAnchorCertPem, DEFAULT_RATE_LIMIT_PER_HOUR, null);
    }

    /** A copy with another rate limit (null for none). */
    public NewFederationNode rateLimitPerHour(Integer v) {
        return new NewFederationNode(nodeId, name, endpoint, trustAnchorCert, v, metadata);
    }

    /** A copy with other metadata. */
    public NewFederationNode metadata(JsonNode v) {
        return new NewFederationNode(nodeId, name, endpoint, trustAnchorCert, rateLimitPerHour, v);
    }
}
