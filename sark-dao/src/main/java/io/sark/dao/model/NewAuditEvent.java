package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An audit event to append; build it with {@link #builder(AuditEventType)}. {@link Builder#build()} validates every
 * field ({@link io.sark.dao.InvalidInputException} naming it). Unset optional fields are stored as NULL; an unset
 * id is a random UUID; an unset timestamp is "now" from the DAO's clock at append time.
 *
 * <pre>{@code
 * NewAuditEvent e = NewAuditEvent.builder(AuditEventType.CROSS_ORG_REQUEST)
 *         .severity(SeverityLevel.MEDIUM).principalOrg("acme").correlationId("c-1").sourceNode("n1").build();
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

    /** A builder for an event of this type, severity {@link SeverityLevel#LOW}. */
    public static Builder builder(AuditEventType eventType) {
        return new Builder(eventType);
    }

    /** Builder of {@link NewAuditEvent}; not thread-safe. */
    public static final class Builder {
        private UUID id = UUID.randomUUID();
        private Instant timestamp;
        private final AuditEventType eventType;
        private SeverityLevel severity = SeverityLevel.LOW;
        private UUID userId;
        private String userEmail;
        private UUID serverId;
        private String toolName;
        private String decision;
        private UUID policyId;
        private String ipAddress;
        private String userAgent;
        private String requestId;
        private JsonNode details;
        private String principalOrg;
        private String resourceProtocol;
        private String capabilityId;
        private String correlationId;
        private String sourceNode;
        private String targetNode;
        private BigDecimal estimatedCost;
        private BigDecimal actualCost;

        private Builder(AuditEventType eventType) {
            this.eventType = eventType;
        }

        public Builder id(UUID v) { id = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }
        public Builder severity(SeverityLevel v) { severity = v; return this; }
        public Builder userId(UUID v) { userId = v; return this; }
        public Builder userEmail(String v) { userEmail = v; return this; }
        public Builder serverId(UUID v) { serverId = v; return this; }
        public Builder toolName(String v) { toolName = v; return this; }
        public Builder decision(String v) { decision = v; return this; }
        public Builder policyId(UUID v) { policyId = v; return this; }
        public Builder ipAddress(String v) { ipAddress = v; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder details(JsonNode v) { details = v; return this; }
        public Builder principalOrg(String v) { principalOrg = v; return this; }
        /** The protocol of the resource involved. */
        public Builder resourceProtocol(Protocol v) { resourceProtocol = v == null ? null : v.value(); return this; }
        public Builder capabilityId(String v) { capabilityId = v; return this; }
        public Builder correlationId(String v) { correlationId = v; return this; }
        public Builder sourceNode(String v) { sourceNode = v; return this; }
        public Builder targetNode(String v) { targetNode = v; return this; }
        public Builder estimatedCost(BigDecimal v) { estimatedCost = v; return this; }
        public Builder actualCost(BigDecimal v) { actualCost = v; return this; }

        /** @throws io.sark.dao.InvalidInputException naming the first invalid field */
        public NewAuditEvent build() {
            return new NewAuditEvent(id, timestamp, eventType, severity, userId, userEmail, serverId, toolName, decision,
                    policyId, ipAddress, userAgent, requestId, details, principalOrg, resourceProtocol, capabilityId,
                    correlationId, sourceNode, targetNode, estimatedCost, actualCost);
        }
    }
}
