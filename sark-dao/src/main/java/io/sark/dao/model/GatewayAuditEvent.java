package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * An appended gateway audit event (row of {@code gateway_audit_events}); append-only like {@link AuditEvent}.
 *
 * @param id event id (text)
 * @param eventType e.g. {@code tool_invoke}, {@code a2a_communication}, {@code discovery}
 * @param userId acting user
 * @param agentId acting agent
 * @param serverName server involved
 * @param toolName tool involved
 * @param decision {@code allow} / {@code deny}
 * @param reason why
 * @param timestamp when the event happened
 * @param gatewayRequestId the gateway's request id
 * @param metadata JSON value ({@code NullNode} for a SQL NULL of rows written by other tools)
 * @param createdAt when the row was written
 */
public record GatewayAuditEvent(String id, String eventType, Optional<String> userId, Optional<String> agentId,
                                Optional<String> serverName, Optional<String> toolName, String decision, String reason,
                                Instant timestamp, String gatewayRequestId, JsonNode metadata, Instant createdAt) {
}
