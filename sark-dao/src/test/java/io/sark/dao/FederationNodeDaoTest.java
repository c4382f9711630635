package io.sark.dao;

import static io.sark.dao.Fixtures.pem;
import static io.sark.dao.Fixtures.uid;
import static io.sark.dao.ResourceDaoTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.internal.Pem;
import io.sark.dao.model.FederationNode;
import io.sark.dao.model.NewFederationNode;
import io.sark.schema.InvalidInputException;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.SelfSignedCertificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class FederationNodeDaoTest {

    @Test
    void registersAndTheDatabaseFingerprintMatchesJava(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String id = uid("node");
        FederationNode n = db.federationNodes().register(NewFederationNode.of(id, "Node A", "https://a.test", pem("node-a")));
        assertThat(n.enabled()).isTrue();
        assertThat(n.rateLimitPerHour()).hasValue(NewFederationNode.DEFAULT_RATE_LIMIT_PER_HOUR);
        assertThat(n.trustAnchorSha256()).isEqualTo(Fixtures.NODE_A_SHA256).isEqualTo(Pem.sha256(pem("node-a")));
        assertThat(db.federationNodes().findByNodeId(id)).contains(n);
        assertThat(db.federationNodes().findByCertificateFingerprint(Fixtures.NODE_A_SHA256.toUpperCase()))
                .extracting(FederationNode::nodeId).contains(id);

        // an EC certificate with CRLF line endings and surrounding whitespace
        String b = "\r\n  " + pem("node-b").replace("\n", "\r\n") + "\n\n";
        FederationNode nb = db.federationNodes().register(NewFederationNode.of(uid("node"), "Node B", "https://b.test", b));
        assertThat(nb.trustAnchorSha256()).isEqualTo(Pem.sha256(pem("node-b")));
        assertThat(db.federationNodes().findByCertificateFingerprint(nb.trustAnchorSha256())).containsExactly(nb);
        assertThat(db.federationNodes().findByCertificateFingerprint("00".repeat(32))).isEmpty();
    }

    @Test
    void duplicateNodeIdIsRefused(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String id = uid("dup");
        db.federationNodes().register(NewFederationNode.of(id, "A", "https://a.test", pem("node-a")));
        assertThatThrownBy(() -> db.federationNodes().register(NewFederationNode.of(id, "B", "https://b.test", pem("node-b"))))
                .isInstanceOfSatisfying(DuplicateKeyException.class,
                        e -> assertThat(e.constraint()).isEqualTo("ix_federation_nodes_node_id"));
    }

    @Test
    void revokeReEnableAndRateLimit(DataSource ds) {
        Instant t0 = Instant.parse("2027-03-01T00:00:00Z"); // inside the validity of node-a.pem
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(t0, ZoneOffset.UTC));
        String id = uid("rev");
        db.federationNodes().register(NewFederationNode.of(id, "A", "https://a.test", pem("node-a")).rateLimitPerHour(null));
        assertThat(db.federationNodes().findByNodeId(id).orElseThrow().rateLimitPerHour()).isEqualTo(OptionalInt.empty());
        assertThat(db.federationNodes().listEnabled()).extracting(FederationNode::nodeId).contains(id);

        FederationNode revoked = db.federationNodes().revoke(id);
        assertThat(revoked.enabled()).isFalse();
        assertThat(db.federationNodes().listEnabled()).extracting(FederationNode::nodeId).doesNotContain(id);
        assertThat(db.federationNodes().revoke(id).enabled()).isFalse();

        SarkDatabase later = db.withClock(Clock.fixed(t0.plusSeconds(3600), ZoneOffset.UTC));
        FederationNode back = later.federationNodes().reEnable(id);
        assertThat(back.enabled()).isTrue();
        assertThat(back.trustedSince()).isEqualTo(t0.plusSeconds(3600));
        assertThat(later.federationNodes().reEnable(id)).isEqualTo(back);

        assertThat(db.federationNodes().changeRateLimit(id, 50).rateLimitPerHour()).hasValue(50);
        assertThat(db.federationNodes().changeRateLimit(id, null).rateLimitPerHour()).isEmpty();
        assertField(() -> db.federationNodes().changeRateLimit(id, -1), "rateLimitPerHour");
        assertThat(db.federationNodes().findByNodeId(id).orElseThrow().rateLimitPerHour()).isEmpty();
        assertThatThrownBy(() -> db.federationNodes().revoke("missing-" + id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.federationNodes().reEnable("missing-" + id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.federationNodes().changeRateLimit("missing-" + id, 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anythingButOnePemCertificateIsRefused() {
        String a = pem("node-a");
        String body = a.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").strip();
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", null), "trustAnchorCert");
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", "not a certificate"), "trustAnchorCert");
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", body), "trustAnchorCert"); // base64 without armour
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", a + a), "trustAnchorCert"); // two certificates
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", "comment\n" + a), "trustAnchorCert");
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", a.replace("CERTIFICATE", "PRIVATE KEY")), "trustAnchorCert");
        String corrupted = a.substring(0, 80) + (a.charAt(80) == 'A' ? 'B' : 'A') + a.substring(81);
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", corrupted), "trustAnchorCert");
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"), "trustAnchorCert");
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", a).rateLimitPerHour(-5), "rateLimitPerHour");
        assertField(() -> NewFederationNode.of("n".repeat(256), "n", "e", a), "nodeId");
        assertField(() -> NewFederationNode.of("n", "n", "https://" + "e".repeat(501), a), "endpoint");
        assertField(() -> NewFederationNode.of("n", "n", "https://e.test", a).metadata(Fixtures.json("[]")), "metadata");
    }

    @Test
    void fingerprintLookupValidatesItsInput(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        assertField(() -> db.federationNodes().findByCertificateFingerprint("xyz"), "sha256Hex");
        // colon-separated form (as openssl prints it) is accepted
        String colons = Fixtures.NODE_A_SHA256.replaceAll("(..)(?!$)", "$1:");
        assertThat(db.federationNodes().findByCertificateFingerprint(colons)).isNotNull();
    }

    @Test
    void nodeIdAndEndpointAreValidated() {
        String a = pem("node-a");
        for (String bad : new String[] {"Bad Node!", "-lead", "trail.", "a/b", "n\uD800", " n"}) {
            assertField(() -> NewFederationNode.of(bad, "n", "https://e.test", a), "nodeId");
        }
        for (String bad : new String[] {"not a url", "e", "ftp://e.test", "https://", "https:///path", "//e.test/x", "javascript:alert(1)"}) {
            assertField(() -> NewFederationNode.of("n", "n", bad, a), "endpoint");
        }
        assertThat(NewFederationNode.of("Node_1.example-org", "n", "grpcs://e.test:8443/fed", a).endpoint())
                .isEqualTo("grpcs://e.test:8443/fed");
    }

    @Test
    void expiredAndNotYetValidTrustAnchorsAreRefusedWithTheirDates(DataSource ds) {
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(now, ZoneOffset.UTC));
        String expired = SelfSignedCertificate.generate("old.test", 1, Instant.parse("1920-01-01T00:00:00Z")).pem(); // to 2020
        String future = SelfSignedCertificate.generate("new.test", 2, Instant.parse("2030-01-01T00:00:00Z")).pem();
        String id = uid("validity");
        assertThatThrownBy(() -> db.federationNodes().register(NewFederationNode.of(id, "n", "https://e.test", expired)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("trustAnchorCert"))
                .hasMessageContaining("expired").hasMessageContaining("1920-01-01T00:00:00Z").hasMessageContaining("2020-01-01T00:00:00Z");
        assertThatThrownBy(() -> db.federationNodes().register(NewFederationNode.of(id, "n", "https://e.test", future)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("trustAnchorCert"))
                .hasMessageContaining("not valid yet").hasMessageContaining("2030-01-01T00:00:00Z");
        assertThat(db.federationNodes().findByNodeId(id)).isEmpty();
        // the same certificate is accepted inside its validity period
        SarkDatabase later = db.withClock(Clock.fixed(Instant.parse("2031-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(later.federationNodes().register(NewFederationNode.of(id, "n", "https://e.test", future)).enabled()).isTrue();
    }
}
