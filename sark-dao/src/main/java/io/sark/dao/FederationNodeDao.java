package io.sark.dao;

import static io.sark.schema.jooq.Tables.FEDERATION_NODES;

import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Pem;
import io.sark.dao.model.FederationNode;
import io.sark.dao.model.NewFederationNode;
import io.sark.schema.InvalidInputException;
import io.sark.schema.jooq.tables.records.FederationNodesRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.Record;

/**
 * Trusted federation nodes ({@code federation_nodes}). Trust anchors are validated as PEM X.509 certificates before
 * any SQL runs; the database keeps their SHA-256 fingerprint in a generated column. Every method is atomic.
 */
public final class FederationNodeDao {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final DaoContext context;

    FederationNodeDao(DaoContext context) {
        this.context = context;
    }

    /**
     * Registers a node, enabled and trusted since "now". The trust anchor must be valid now (by the DAO's clock):
     * an expired or not-yet-valid certificate is refused; there is no override — register a renewed certificate.
     *
     * @throws InvalidInputException ({@code trustAnchorCert}) if the certificate is outside its validity period,
     *                               the message naming both dates
     * @throws DuplicateKeyException ({@code ix_federation_nodes_node_id}) if the node id is registered
     */
    public FederationNode register(NewFederationNode node) {
        Check.notNull("node", node);
        OffsetDateTime now = context.now();
        Pem.requireValidAt("trustAnchorCert", node.trustAnchorCert(), now.toInstant());
        return map(context.dsl().insertInto(FEDERATION_NODES)
                .set(FEDERATION_NODES.ID, UUID.randomUUID())
                .set(FEDERATION_NODES.NODE_ID, node.nodeId())
                .set(FEDERATION_NODES.NAME, node.name())
                .set(FEDERATION_NODES.ENDPOINT, node.endpoint())
                .set(FEDERATION_NODES.TRUST_ANCHOR_CERT, node.trustAnchorCert())
                .set(FEDERATION_NODES.ENABLED, true)
                .set(FEDERATION_NODES.TRUSTED_SINCE, now)
                .set(FEDERATION_NODES.RATE_LIMIT_PER_HOUR, node.rateLimitPerHour())
                .set(FEDERATION_NODES.METADATA, node.metadata())
                .set(FEDERATION_NODES.CREATED_AT, now)
                .set(FEDERATION_NODES.UPDATED_AT, now)
                .returning().fetchOne());
    }

    /** The node with this node id (enabled or not). */
    public Optional<FederationNode> findByNodeId(String nodeId) {
        Check.required("nodeId", nodeId, Check.MAX_NODE_ID_LENGTH);
        return context.dsl().selectFrom(FEDERATION_NODES).where(FEDERATION_NODES.NODE_ID.eq(nodeId))
                .fetchOptional().map(FederationNodeDao::map);
    }

    /**
     * The nodes whose trust anchor has this SHA-256 fingerprint (hex of the DER encoding, either case; colons
     * allowed), ordered by node id. Usually zero or one; several nodes may share a certificate.
     */
    public List<FederationNode> findByCertificateFingerprint(String sha256Hex) {
        Check.notNull("sha256Hex", sha256Hex);
        String hex = sha256Hex.replace(":", "").toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new InvalidInputException("sha256Hex", "must be 64 hexadecimal digits");
        }
        return context.dsl().selectFrom(FEDERATION_NODES)
                .where(FEDERATION_NODES.TRUST_ANCHOR_SHA256.eq(hex)).orderBy(FEDERATION_NODES.NODE_ID)
                .fetch(FederationNodeDao::map);
    }

    /** Enabled nodes ordered by node id (served by the partial index {@code ix_federation_nodes_enabled}). */
    public List<FederationNode> listEnabled() {
        return context.dsl().selectFrom(FEDERATION_NODES).where(FEDERATION_NODES.ENABLED.isTrue())
                .orderBy(FEDERATION_NODES.NODE_ID).fetch(FederationNodeDao::map);
    }

    /**
     * Revokes trust: {@code enabled = false}. Idempotent.
     *
     * @throws NotFoundException if the node id is not registered
     */
    public FederationNode revoke(String nodeId) {
        Check.required("nodeId", nodeId, 255);
        return context.dsl().update(FEDERATION_NODES)
                .set(FEDERATION_NODES.ENABLED, false)
                .set(FEDERATION_NODES.UPDATED_AT, context.now())
                .where(FEDERATION_NODES.NODE_ID.eq(nodeId))
                .returning().fetchOptional().map(FederationNodeDao::map)
                .orElseThrow(() -> new NotFoundException("federation node", nodeId));
    }

    /**
     * Re-enables a revoked node; trust is re-established, so {@code trusted_since} becomes "now". A node that is
     * already enabled is returned unchanged.
     *
     * @throws NotFoundException if the node id is not registered
     */
    public FederationNode reEnable(String nodeId) {
        Check.required("nodeId", nodeId, 255);
        OffsetDateTime now = context.now();
        Optional<FederationNode> changed = context.dsl().update(FEDERATION_NODES)
                .set(FEDERATION_NODES.ENABLED, true)
                .set(FEDERATION_NODES.TRUSTED_SINCE, now)
                .set(FEDERATION_NODES.UPDATED_AT, now)
                .where(FEDERATION_NODES.NODE_ID.eq(nodeId)).and(FEDERATION_NODES.ENABLED.isFalse())
                .returning().fetchOptional().map(FederationNodeDao::map);
        return changed.or(() -> findByNodeId(nodeId)).orElseThrow(() -> new NotFoundException("federation node", nodeId));
    }

    /**
     * Sets the rate limit in requests per hour; null removes the limit.
     *
     * @throws InvalidInputException ({@code rateLimitPerHour}) if negative
     * @throws NotFoundException if the node id is not registered
     */
    public FederationNode changeRateLimit(String nodeId, Integer rateLimitPerHour) {
        Check.required("nodeId", nodeId, 255);
        if (rateLimitPerHour != null) {
            Check.nonNegative("rateLimitPerHour", rateLimitPerHour);
        }
        return context.dsl().update(FEDERATION_NODES)
                .set(FEDERATION_NODES.RATE_LIMIT_PER_HOUR, rateLimitPerHour)
                .set(FEDERATION_NODES.UPDATED_AT, context.now())
                .where(FEDERATION_NODES.NODE_ID.eq(nodeId))
                .returning().fetchOptional().map(FederationNodeDao::map)
                .orElseThrow(() -> new NotFoundException("federation node", nodeId));
    }

    private static FederationNode map(Record rec) {
        FederationNodesRecord r = rec.into(FEDERATION_NODES);
        return new FederationNode(r.getId(), r.getNodeId(), r.getName(), r.getEndpoint(), r.getTrustAnchorCert(),
                r.getTrustAnchorSha256(), r.getEnabled(), Db.instant(r.getTrustedSince()),
                r.getRateLimitPerHour() == null ? OptionalInt.empty() : OptionalInt.of(r.getRateLimitPerHour()),
                r.getMetadata(), Db.instant(r.getCreatedAt()), Db.instant(r.getUpdatedAt()));
    }
}
