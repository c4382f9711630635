package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An audit event to append: {@link #of(AuditEventType)}, then one wither per component. Valid on construction
 * ({@link io.sark.schema.InvalidInputException} naming the component), so every wither's result is valid. Unset
 * optional components are stored as NULL; the id is random unless set; an unset timestamp is "now" from the DAO's
 * clock at append time.
 *
 * <pre>{@code
 * NewAuditEvent e = NewAuditEvent.of(AuditEventType.CROSS_ORG_REQUEST)
 *         .severity(SeverityLevel.MEDIUM).principalOrg("acme").correlationId("c-1").sourceNode("n1");
 * }</pre>
 */
public record NewAuditEvent(UUID id, Instant timestamp, AuditEventType eventType, SeverityLevel severity, UUID userId,
                            String userEmail, UUID serverId, String toolName, String decision, UUID policyId,
                            String ipAddress, String userAgent, String requestId, JsonNode details, String principalOrg,
                            String resourceProtocol, String capabilityId, String correlationId, String sourceNode,
                            String targetNode, BigDecimal estimatedCost, BigDecimal actualCost) {

    public NewAuditEvent {
        Check.notNull("id", id);
        timestamp = Check.instant("timestamp", timestamp);
        Check.notNull("eventType", eventType);
        Check.notNull("severity", severity);
        Check.optional("userEmail", userEmail, 255);
        Check.optional("toolName", toolName, 255);
        Check.optional("decision", decision, 20);
        Check.optional("ipAddress", ipAddress, 45);
        Check.optional("userAgent", userAgent, 500);
        Check.optional("requestId", requestId, 100);
        details = Check.jsonObjectOrEmpty("details", details).deepCopy();
        Check.optional("principalOrg", principalOrg, 255);
        Check.optional("resourceProtocol", resourceProtocol, 50);
        Check.optional("capabilityId", capabilityId, 255);
        Check.optional("correlationId", correlationId, 100);
        Check.optional("sourceNode", sourceNode, 255);
        Check.optional("targetNode", targetNode, 255);
        Check.amount("estimatedCost", estimatedCost);
        Check.amount("actualCost", actualCost);
    }

    /** An event of this type: a random id, severity {@link SeverityLevel#LOW}, no timestamp ("now" when appended). */
    public static NewAuditEvent of(AuditEventType eventType) {
        return new NewAuditEvent(UUID.randomUUID(), null, eventType, SeverityLevel.LOW, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** With this {@code id}. */
    public NewAuditEvent id(UUID v) {
        return with(f -> f.id = v);
    }

    /** Occurred at this instant (stored with microsecond precision); unset: "now" when appended. */
    public NewAuditEvent timestamp(Instant v) {
        return with(f -> f.timestamp = v);
    }

    /** With this {@code severity}. */
    public NewAuditEvent severity(SeverityLevel v) {
        return with(f -> f.severity = v);
    }

    /** With this {@code userId}. */
    public NewAuditEvent userId(UUID v) {
        return with(f -> f.userId = v);
    }

    /** With this {@code userEmail}. */
    public NewAuditEvent userEmail(String v) {
        return with(f -> f.userEmail = v);
    }

    /** With this {@code serverId}. */
    public NewAuditEvent serverId(UUID v) {
        return with(f -> f.serverId = v);
    }

    /** With this {@code toolName}. */
    public NewAuditEvent toolName(String v) {
        return with(f -> f.toolName = v);
    }

    /** With this {@code decision}. */
    public NewAuditEvent decision(String v) {
        return with(f -> f.decision = v);
    }

    /** With this {@code policyId}. */
    public NewAuditEvent policyId(UUID v) {
        return with(f -> f.policyId = v);
    }

    /** With this {@code ipAddress}. */
    public NewAuditEvent ipAddress(String v) {
        return with(f -> f.ipAddress = v);
    }

    /** With this {@code userAgent}. */
    public NewAuditEvent userAgent(String v) {
        return with(f -> f.userAgent = v);
    }

    /** With this {@code requestId}. */
    public NewAuditEvent requestId(String v) {
        return with(f -> f.requestId = v);
    }

    /** With this {@code details}. */
    public NewAuditEvent details(JsonNode v) {
        return with(f -> f.details = v);
    }

    /** With this {@code principalOrg}. */
    public NewAuditEvent principalOrg(String v) {
        return with(f -> f.principalOrg = v);
    }

    /** With the protocol of the resource involved. */
    public NewAuditEvent resourceProtocol(Protocol v) {
        return with(f -> f.resourceProtocol = v == null ? null : v.value());
    }

    /** With this {@code capabilityId}. */
    public NewAuditEvent capabilityId(String v) {
        return with(f -> f.capabilityId = v);
    }

    /** With this {@code correlationId}. */
    public NewAuditEvent correlationId(String v) {
        return with(f -> f.correlationId = v);
    }

    /** With this {@code sourceNode}. */
    public NewAuditEvent sourceNode(String v) {
        return with(f -> f.sourceNode = v);
    }

    /** With this {@code targetNode}. */
    public NewAuditEvent targetNode(String v) {
        return with(f -> f.targetNode = v);
    }

    /** With this {@code estimatedCost}. */
    public NewAuditEvent estimatedCost(BigDecimal v) {
        return with(f -> f.estimatedCost = v);
    }

    /** With this {@code actualCost}. */
    public NewAuditEvent actualCost(BigDecimal v) {
        return with(f -> f.actualCost = v);
    }

    /** A copy with one change, validated again as a whole. */
    private NewAuditEvent with(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new NewAuditEvent(f.id, f.timestamp, f.eventType, f.severity, f.userId, f.userEmail, f.serverId,
                f.toolName, f.decision, f.policyId, f.ipAddress, f.userAgent, f.requestId, f.details, f.principalOrg,
                f.resourceProtocol, f.capabilityId, f.correlationId, f.sourceNode, f.targetNode, f.estimatedCost,
                f.actualCost);
    }

    /** The components as mutable fields, for {@link #with}. */
    private static final class Fields {
        UUID id;
        Instant timestamp;
        AuditEventType eventType;
        SeverityLevel severity;
        UUID userId;
        String userEmail;
        UUID serverId;
        String toolName;
        String decision;
        UUID policyId;
        String ipAddress;
        String userAgent;
        String requestId;
        JsonNode details;
        String principalOrg;
        String resourceProtocol;
        String capabilityId;
        String correlationId;
        String sourceNode;
        String targetNode;
        BigDecimal estimatedCost;
        BigDecimal actualCost;

        Fields(NewAuditEvent e) {
            id = e.id;
            timestamp = e.timestamp;
            eventType = e.eventType;
            severity = e.severity;
            userId = e.userId;
            userEmail = e.userEmail;
            serverId = e.serverId;
            toolName = e.toolName;
            decision = e.decision;
            policyId = e.policyId;
            ipAddress = e.ipAddress;
            userAgent = e.userAgent;
            requestId = e.requestId;
            details = e.details;
            principalOrg = e.principalOrg;
            resourceProtocol = e.resourceProtocol;
            capabilityId = e.capabilityId;
            correlationId = e.correlationId;
            sourceNode = e.sourceNode;
            targetNode = e.targetNode;
            estimatedCost = e.estimatedCost;
            actualCost = e.actualCost;
        }
    }
}
