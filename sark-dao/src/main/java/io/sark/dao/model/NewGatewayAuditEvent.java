package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.time.Instant;
import java.util.UUID;

/**
 * A gateway audit event to append: {@link #of}, then withers. Valid on construction
 * ({@link io.sark.schema.InvalidInputException} naming the component). The id is random unless set; an unset timestamp
 * is "now" at append time. {@code reason} must not be blank; the indexed text
 * fields are at most {@value #MAX_INDEXED_LENGTH} characters.
 */
public record NewGatewayAuditEvent(String id, String eventType, String userId, String agentId, String serverName,
                                   String toolName, String decision, String reason, Instant timestamp,
                                   String gatewayRequestId, JsonNode metadata) {

    /**
     * Longest {@code userId}, {@code serverName}, {@code toolName} and {@code gatewayRequestId}: TEXT columns with a
     * B-tree index, whose entries must stay under PostgreSQL's index row size limit (about 2700 bytes).
     */
    public static final int MAX_INDEXED_LENGTH = 255;

    public NewGatewayAuditEvent {
        Check.required("id", id, 255);
        Check.required("eventType", eventType, 50);
        Check.optional("userId", userId, MAX_INDEXED_LENGTH);
        Check.text("agentId", agentId);
        Check.optional("serverName", serverName, MAX_INDEXED_LENGTH);
        Check.optional("toolName", toolName, MAX_INDEXED_LENGTH);
        Check.required("decision", decision, 10);
        Check.requiredText("reason", reason);
        timestamp = Check.instant("timestamp", timestamp);
        Check.required("gatewayRequestId", gatewayRequestId, MAX_INDEXED_LENGTH);
        metadata = Check.jsonObjectOrEmpty("metadata", metadata).deepCopy();
    }

    /** An event with the required components: a random id, no timestamp ("now" when appended). */
    public static NewGatewayAuditEvent of(String eventType, String decision, String reason, String gatewayRequestId) {
        return new NewGatewayAuditEvent(UUID.randomUUID().toString(), eventType, null, null, null, null, decision, reason,
                null, gatewayRequestId, null);
    }

    /** With this {@code id}. */
    public NewGatewayAuditEvent id(String v) {
        return new NewGatewayAuditEvent(v, eventType, userId, agentId, serverName, toolName, decision, reason, timestamp, gatewayRequestId, metadata);
    }

    /** With this {@code userId}. */
    public NewGatewayAuditEvent userId(String v) {
        return new NewGatewayAuditEvent(id, eventType, v, agentId, serverName, toolName, decision, reason, timestamp, gatewayRequestId, metadata);
    }

    /** With this {@code agentId}. */
    public NewGatewayAuditEvent agentId(String v) {
        return new NewGatewayAuditEvent(id, eventType, userId, v, serverName, toolName, decision, reason, timestamp, gatewayRequestId, metadata);
    }

    /** With this {@code serverName}. */
    public NewGatewayAuditEvent serverName(String v) {
        return new NewGatewayAuditEvent(id, eventType, userId, agentId, v, toolName, decision, reason, timestamp, gatewayRequestId, metadata);
    }

    /** With this {@code toolName}. */
    public NewGatewayAuditEvent toolName(String v) {
        return new NewGatewayAuditEvent(id, eventType, userId, agentId, serverName, v, decision, reason, timestamp, gatewayRequestId, metadata);
    }

    /** With this {@code timestamp}. */
    public NewGatewayAuditEvent timestamp(Instant v) {
        return new NewGatewayAuditEvent(id, eventType, userId, agentId, serverName, toolName, decision, reason, v, gatewayRequestId, metadata);
    }

    /** With this {@code metadata}. */
    public NewGatewayAuditEvent metadata(JsonNode v) {
        return new NewGatewayAuditEvent(id, eventType, userId, agentId, serverName, toolName, decision, reason, timestamp, gatewayRequestId, v);
    }
}
