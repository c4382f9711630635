package io.sark.testkit.data;

import io.sark.schema.jooq.tables.records.FederationNodesRecord;

/**
 * A federation node as stored, with the certificate (and private key) of its trust anchor.
 *
 * @param node        the {@code federation_nodes} row ({@code trust_anchor_sha256} computed by the database)
 * @param certificate the node's self-signed certificate, whose PEM is {@code trust_anchor_cert}
 */
public record TestFederationNode(FederationNodesRecord node, SelfSignedCertificate certificate) {

    /** The node id. */
    public String nodeId() {
        return node.getNodeId();
    }
}
