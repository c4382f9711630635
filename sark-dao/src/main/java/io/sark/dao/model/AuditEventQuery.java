package io.sark.dao.model;

import io.sark.dao.internal.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * Which audit events {@code AuditEventDao.find} returns: a time range {@code [from, to)} and optional equality filters
 * (all given filters must match), in order of ({@code timestamp}, {@code id}), {@code limit} per page.
 *
 * <pre>{@code
 * AuditEventQuery.between(from, to).correlationId("c-1").limit(100)
 * }</pre>
 */
public record AuditEventQuery(Instant from, Instant to, Optional<AuditEventType> eventType, Optional<String> correlationId,
                              Optional<String> principalOrg, Optional<String> sourceNode, Optional<String> targetNode,
                              int limit) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size. */
    public static final int MAX_LIMIT = 1000;

    public AuditEventQuery {
        from = Check.instant("from", from);
        to = Check.instant("to", to);
        Check.window(from, to);
        correlationId.ifPresent(v -> Check.required("correlationId", v, 100));
        principalOrg.ifPresent(v -> Check.required("principalOrg", v, 255));
        sourceNode.ifPresent(v -> Check.required("sourceNode", v, 255));
        targetNode.ifPresent(v -> Check.required("targetNode", v, 255));
        Check.limit(limit, MAX_LIMIT);
    }

    /** Every event in {@code [from, to)}, {@value #DEFAULT_LIMIT} per page. */
    public static AuditEventQuery between(Instant from, Instant to) {
        return new AuditEventQuery(from, to, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_LIMIT);
    }

    public AuditEventQuery eventType(AuditEventType v) {
        return new AuditEventQuery(from, to, Optional.of(Check.notNull("eventType", v)), correlationId, principalOrg, sourceNode, targetNode, limit);
    }

    public AuditEventQuery correlationId(String v) {
        return new AuditEventQuery(from, to, eventType, Optional.of(Check.notNull("correlationId", v)), principalOrg, sourceNode, targetNode, limit);
    }

    public AuditEventQuery principalOrg(String v) {
        return new AuditEventQuery(from, to, eventType, correlationId, Optional.of(Check.notNull("principalOrg", v)), sourceNode, targetNode, limit);
    }

    public AuditEventQuery sourceNode(String v) {
        return new AuditEventQuery(from, to, eventType, correlationId, principalOrg, Optional.of(Check.notNull("sourceNode", v)), targetNode, limit);
    }

    public AuditEventQuery targetNode(String v) {
        return new AuditEventQuery(from, to, eventType, correlationId, principalOrg, sourceNode, Optional.of(Check.notNull("targetNode", v)), limit);
    }

    public AuditEventQuery limit(int v) {
        return new AuditEventQuery(from, to, eventType, correlationId, principalOrg, sourceNode, targetNode, v);
    }
}
