package io.sark.dao.model;

import io.sark.dao.internal.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * Which gateway audit events {@code GatewayAuditEventDao.find} returns: {@code [from, to)} plus optional equality
 * filters, ordered by ({@code timestamp}, {@code id}), {@code limit} per page.
 */
public record GatewayAuditQuery(Instant from, Instant to, Optional<String> eventType, Optional<String> userId,
                                Optional<String> decision, Optional<String> gatewayRequestId, int limit) {

    public GatewayAuditQuery {
        from = Check.instant("from", from);
        to = Check.instant("to", to);
        Check.window(from, to);
        eventType.ifPresent(v -> Check.required("eventType", v, 50));
        decision.ifPresent(v -> Check.required("decision", v, 10));
        userId.ifPresent(v -> Check.required("userId", v, NewGatewayAuditEvent.MAX_INDEXED_LENGTH));
        gatewayRequestId.ifPresent(v -> Check.required("gatewayRequestId", v, NewGatewayAuditEvent.MAX_INDEXED_LENGTH));
        Check.limit(limit, AuditEventQuery.MAX_LIMIT);
    }

    /** Every event in {@code [from, to)}, {@value AuditEventQuery#DEFAULT_LIMIT} per page. */
    public static GatewayAuditQuery between(Instant from, Instant to) {
        return new GatewayAuditQuery(from, to, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                AuditEventQuery.DEFAULT_LIMIT);
    }

    public GatewayAuditQuery eventType(String v) {
        return new GatewayAuditQuery(from, to, Optional.of(Check.notNull("eventType", v)), userId, decision, gatewayRequestId, limit);
    }

    public GatewayAuditQuery userId(String v) {
        return new GatewayAuditQuery(from, to, eventType, Optional.of(Check.notNull("userId", v)), decision, gatewayRequestId, limit);
    }

    public GatewayAuditQuery decision(String v) {
        return new GatewayAuditQuery(from, to, eventType, userId, Optional.of(Check.notNull("decision", v)), gatewayRequestId, limit);
    }

    public GatewayAuditQuery gatewayRequestId(String v) {
        return new GatewayAuditQuery(from, to, eventType, userId, decision, Optional.of(Check.notNull("gatewayRequestId", v)), limit);
    }

    public GatewayAuditQuery limit(int v) {
        return new GatewayAuditQuery(from, to, eventType, userId, decision, gatewayRequestId, v);
    }
}
