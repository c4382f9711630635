package io.sark.testkit.data;

import io.sark.dao.model.FederationNode;
import io.sark.testkit.SelfSignedCertificate;

/**
 * A federation node as the DAO reads it, with the certificate (and private key) of its trust anchor.
 *
 * @param node        the DAO's node ({@code trustAnchorCert} is {@code certificate.pem()})
 * @param certificate the node's self-signed certificate
 */
public record TestFederationNode(FederationNode node, SelfSignedCertificate certificate) {

    /** The node id. */
    public String nodeId() {
        return node.nodeId();
    }

    /** One line: the node id and the certificate's subject and fingerprint, not the row or the PEM. */
    @Override
    public String toString() {
        return "TestFederationNode[" + node.nodeId() + ", " + certificate + "]";
    }
}
