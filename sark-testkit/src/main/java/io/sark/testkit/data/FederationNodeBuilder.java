package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.FederationNodesRecord;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.SelfSignedCertificate;

/**
 * A federation node. Defaults: node id {@code node-<n>-<suffix>.example.test}, endpoint
 * {@code https://<node id>:8443}, enabled, 10000 requests per hour, and a trust anchor: a self-signed ECDSA
 * certificate for the node id generated from the seed ({@link SelfSignedCertificate}), valid from "now".
 * {@link #insert()} returns the DAO's {@code FederationNode} with that certificate.
 */
public final class FederationNodeBuilder {

    private final SarkData data;
    private final Draw draw;
    private final FederationNodesRecord record = new FederationNodesRecord();
    private final ObjectNode metadata = SarkJson.object();
    private SelfSignedCertificate certificate;
    private boolean endpointSet;

    FederationNodeBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        record.setId(draw.uuid());
        record.setNodeId(draw.label("node") + ".example.test");
        record.setName("Test node " + draw.n);
        record.setEnabled(true);
        record.setRateLimitPerHour(10_000);
        record.setTrustedSince(Times.column(data.now()));
        record.setCreatedAt(Times.column(data.now()));
        record.setUpdatedAt(Times.column(data.now()));
    }

    /** The node id (unique); also the certificate's common name unless a certificate is given. */
    public FederationNodeBuilder nodeId(String nodeId) {
        record.setNodeId(nodeId);
        return this;
    }

    /** The display name. */
    public FederationNodeBuilder name(String name) {
        record.setName(name);
        return this;
    }

    /** The endpoint (default {@code https://<node id>:8443}). */
    public FederationNodeBuilder endpoint(String endpoint) {
        record.setEndpoint(endpoint);
        endpointSet = true;
        return this;
    }

    /** Whether the node is trusted now. */
    public FederationNodeBuilder enabled(boolean enabled) {
        record.setEnabled(enabled);
        return this;
    }

    /** Requests per hour ({@code null}: unlimited). */
    public FederationNodeBuilder rateLimitPerHour(Integer rateLimit) {
        record.setRateLimitPerHour(rateLimit);
        return this;
    }

    /** Uses this certificate as the trust anchor instead of generating one. */
    public FederationNodeBuilder certificate(SelfSignedCertificate certificate) {
        this.certificate = certificate;
        return this;
    }

    /** Adds {@code key: value} to {@code metadata}. */
    public FederationNodeBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Generates the certificate if needed, inserts the node and returns both. */
    public TestFederationNode insert() {
        SelfSignedCertificate cert = certificate != null ? certificate
                : SelfSignedCertificate.generate(record.getNodeId(), data.seed() * 31 + draw.n, data.now());
        if (!endpointSet) {
            record.setEndpoint("https://" + record.getNodeId() + ":8443");
        }
        record.setTrustAnchorCert(cert.pem());
        record.setMetadata(metadata);
        String nodeId = Rows.insert(data.dsl(), Tables.FEDERATION_NODES, record).getNodeId();
        return new TestFederationNode(data.readBack("federation node", db -> db.federationNodes().findByNodeId(nodeId)), cert);
    }
}
