package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.time.Instant;
import java.util.UUID;

/**
 * A gateway audit event to append; build with {@link #builder}. Validated by {@link Builder#build()}. An unset id
 * is a random UUID; an unset timestamp is "now" at append time. {@code reason} must not be blank; the indexed text
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

    /** A builder with the required fields. */
    public static Builder builder(String eventType, String decision, String reason, String gatewayRequestId) {
        return new Builder(eventType, decision, reason, gatewayRequestId);
    }

    /** Builder of {@link NewGatewayAuditEvent}; not thread-safe. */
    public static final class Builder {
        private String id = UUID.randomUUID().toString();
        private final String eventType;
        private String userId;
        private String agentId;
        private String serverName;
        private String toolName;
        private final String decision;
        private final String reason;
        private Instant timestamp;
        private final String gatewayRequestId;
        private JsonNode metadata;

        private Builder(String eventType, String decision, String reason, String gatewayRequestId) {
            this.eventType = eventType;
            this.decision = decision;
            this.reason = reason;
            this.gatewayRequestId = gatewayRequestId;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder userId(String v) { userId = v; return this; }
        public Builder agentId(String v) { agentId = v; return this; }
        public Builder serverName(String v) { serverName = v; return this; }
        public Builder toolName(String v) { toolName = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }
        public Builder metadata(JsonNode v) { metadata = v; return this; }

        /** @throws io.sark.dao.InvalidInputException naming the first invalid field */
        public NewGatewayAuditEvent build() {
            return new NewGatewayAuditEvent(id, eventType, userId, agentId, serverName, toolName, decision, reason, timestamp,
                    gatewayRequestId, metadata);
        }
    }
}
