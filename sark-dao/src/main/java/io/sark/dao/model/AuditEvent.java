package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An appended audit event (row of {@code audit_events}). Audit rows are append-only: the database refuses
 * UPDATE, DELETE and TRUNCATE on them; only the retention purge removes rows.
 *
 * @param id event id
 * @param timestamp when the event happened
 * @param eventType type
 * @param severity severity
 * @param userId acting user
 * @param userEmail acting user's e-mail
 * @param serverId v1 server involved
 * @param toolName tool involved
 * @param decision authorization decision, e.g. {@code allow} / {@code deny}
 * @param policyId policy that decided
 * @param ipAddress client address
 * @param userAgent client user agent
 * @param requestId request id
 * @param details JSON object with anything else
 * @param siemForwarded when forwarded to a SIEM
 * @param principalOrg organisation of the principal (federation)
 * @param resourceProtocol protocol of the resource involved
 * @param capabilityId capability involved
 * @param correlationId id shared by the events of one cross-node flow
 * @param sourceNode federation node the request came from
 * @param targetNode federation node the request went to
 * @param estimatedCost estimated cost
 * @param actualCost actual cost
 */
public record AuditEvent(UUID id, Instant timestamp, AuditEventType eventType, SeverityLevel severity, Optional<UUID> userId,
                         Optional<String> userEmail, Optional<UUID> serverId, Optional<String> toolName,
                         Optional<String> decision, Optional<UUID> policyId, Optional<String> ipAddress,
                         Optional<String> userAgent, Optional<String> requestId, JsonNode details,
                         Optional<Instant> siemForwarded, Optional<String> principalOrg, Optional<String> resourceProtocol,
                         Optional<String> capabilityId, Optional<String> correlationId, Optional<String> sourceNode,
                         Optional<String> targetNode, Optional<BigDecimal> estimatedCost, Optional<BigDecimal> actualCost) {
}
