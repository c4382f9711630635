package io.sark.dao;

import static io.sark.schema.jooq.Tables.AUDIT_EVENTS;

import io.sark.dao.internal.AuditTrail;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Purge;
import io.sark.dao.internal.TimeKeyset;
import io.sark.dao.model.AuditEvent;
import io.sark.dao.model.AuditEventQuery;
import io.sark.dao.model.NewAuditEvent;
import io.sark.dao.model.Page;
import io.sark.schema.InvalidInputException;
import io.sark.schema.jooq.tables.records.AuditEventsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The append-only audit trail ({@code audit_events}). Rows can only be appended and read: the database refuses
 * UPDATE, DELETE and TRUNCATE ({@link AppendOnlyViolationException}); {@link #purgeOlderThan} is the one way to
 * remove rows.
 */
public final class AuditEventDao {

    /** Rows per INSERT statement in {@link #appendAll}. */
    static final int INSERT_CHUNK = AuditTrail.INSERT_CHUNK;
    private static final TimeKeyset<AuditEventsRecord, UUID, AuditEvent> KEYSET = new TimeKeyset<>(
            "audit-events", AUDIT_EVENTS, AUDIT_EVENTS.TIMESTAMP, AUDIT_EVENTS.ID, UUID::fromString, AuditEvent::timestamp,
            AuditEvent::id);
    /** The advisory lock class of this trail's appends (docs/decisions/009). */
    private static final int LOCK_CLASS = 0x5341_5201;

    private final DaoContext context;

    AuditEventDao(DaoContext context) {
        this.context = context;
    }

    /**
     * Appends one event (timestamp "now" if the event has none). Idempotent by id, so safe to retry: if an event
     * with this id is stored, nothing is written and the stored event is returned (whatever the other fields).
     */
    public AuditEvent append(NewAuditEvent event) {
        Check.notNull("event", event);
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Appends events atomically with multi-row INSERTs (one per {@value #INSERT_CHUNK} events); returns them in the
     * order given. Idempotent by id like {@link #append}: ids already stored (or repeated in {@code events}) are
     * written once and returned as stored.
     */
    public List<AuditEvent> appendAll(List<NewAuditEvent> events) {
        return AuditTrail.appendAll(context, KEYSET, LOCK_CLASS, NewAuditEvent::id, events, AuditEventDao::map, AuditEventDao::insert);
    }

    /** The event with this id. */
    public Optional<AuditEvent> findById(UUID id) {
        Check.notNull("id", id);
        return context.dsl().selectFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.ID.eq(id))
                .orderBy(AUDIT_EVENTS.TIMESTAMP).limit(1).fetchOptional()
                .map(AuditEventDao::map);
    }

    /** The first page of {@link #find(AuditEventQuery, String)}. */
    public Page<AuditEvent> find(AuditEventQuery query) {
        return find(query, null);
    }

    /**
     * Events matching {@code query}, oldest first (by timestamp, then id), keyset-paginated.
     *
     * @param pageToken null for the first page, else the previous page's {@code nextPageToken}
     */
    public Page<AuditEvent> find(AuditEventQuery query, String pageToken) {
        Check.notNull("query", query);
        Condition c = AUDIT_EVENTS.TIMESTAMP.ge(Db.odt(query.from())).and(AUDIT_EVENTS.TIMESTAMP.lt(Db.odt(query.to())));
        c = c.and(query.eventType().map(v -> AUDIT_EVENTS.EVENT_TYPE.eq(Db.db(v))).orElse(DSL.noCondition()));
        c = c.and(query.correlationId().map(AUDIT_EVENTS.CORRELATION_ID::eq).orElse(DSL.noCondition()));
        c = c.and(query.principalOrg().map(AUDIT_EVENTS.PRINCIPAL_ORG::eq).orElse(DSL.noCondition()));
        c = c.and(query.sourceNode().map(AUDIT_EVENTS.SOURCE_NODE::eq).orElse(DSL.noCondition()));
        c = c.and(query.targetNode().map(AUDIT_EVENTS.TARGET_NODE::eq).orElse(DSL.noCondition()));
        return KEYSET.page(context, c, pageToken, query.limit(), AuditEventDao::map);
    }

    /**
     * Retention purge: deletes every event with {@code timestamp < cutoff} (through {@code sark_purge_audit_events},
     * the only way past the append-only trigger) and returns how many were deleted.
     * The cutoff must be at least one day in the past (the minimum retention the schema enforces), else
     * {@link InvalidInputException} naming {@code cutoff}.
     */
    public long purgeOlderThan(Instant cutoff) {
        return Purge.olderThan(context, "audit_events", cutoff);
    }

    private static List<AuditEvent> insert(DSLContext dsl, List<NewAuditEvent> events, OffsetDateTime now) {
        InsertSetMoreStep<AuditEventsRecord> insert = null;
        var step = dsl.insertInto(AUDIT_EVENTS);
        for (NewAuditEvent e : events) {
            var s = (insert == null ? step : insert.newRecord())
                    .set(AUDIT_EVENTS.ID, e.id())
                    .set(AUDIT_EVENTS.TIMESTAMP, e.timestamp() == null ? now : Db.odt(e.timestamp()))
                    .set(AUDIT_EVENTS.EVENT_TYPE, Db.db(e.eventType()))
                    .set(AUDIT_EVENTS.SEVERITY, Db.db(e.severity()))
                    .set(AUDIT_EVENTS.USER_ID, e.userId())
                    .set(AUDIT_EVENTS.USER_EMAIL, e.userEmail())
                    .set(AUDIT_EVENTS.SERVER_ID, e.serverId())
                    .set(AUDIT_EVENTS.TOOL_NAME, e.toolName())
                    .set(AUDIT_EVENTS.DECISION, e.decision())
                    .set(AUDIT_EVENTS.POLICY_ID, e.policyId())
                    .set(AUDIT_EVENTS.IP_ADDRESS, e.ipAddress())
                    .set(AUDIT_EVENTS.USER_AGENT, e.userAgent())
                    .set(AUDIT_EVENTS.REQUEST_ID, e.requestId())
                    .set(AUDIT_EVENTS.DETAILS, e.details())
                    .set(AUDIT_EVENTS.PRINCIPAL_ORG, e.principalOrg())
                    .set(AUDIT_EVENTS.RESOURCE_PROTOCOL, e.resourceProtocol())
                    .set(AUDIT_EVENTS.CAPABILITY_ID, e.capabilityId())
                    .set(AUDIT_EVENTS.CORRELATION_ID, e.correlationId())
                    .set(AUDIT_EVENTS.SOURCE_NODE, e.sourceNode())
                    .set(AUDIT_EVENTS.TARGET_NODE, e.targetNode())
                    .set(AUDIT_EVENTS.ESTIMATED_COST, e.estimatedCost())
                    .set(AUDIT_EVENTS.ACTUAL_COST, e.actualCost());
            insert = s;
        }
        return insert.returning().fetch(AuditEventDao::map);
    }

    private static AuditEvent map(Record rec) {
        AuditEventsRecord r = rec.into(AUDIT_EVENTS);
        return new AuditEvent(r.getId(), Db.instant(r.getTimestamp()), Db.api(r.getEventType()), Db.api(r.getSeverity()),
                Optional.ofNullable(r.getUserId()), Optional.ofNullable(r.getUserEmail()), Optional.ofNullable(r.getServerId()),
                Optional.ofNullable(r.getToolName()), Optional.ofNullable(r.getDecision()), Optional.ofNullable(r.getPolicyId()),
                Optional.ofNullable(r.getIpAddress()), Optional.ofNullable(r.getUserAgent()),
                Optional.ofNullable(r.getRequestId()), r.getDetails(), Db.optInstant(r.getSiemForwarded()),
                Optional.ofNullable(r.getPrincipalOrg()), Optional.ofNullable(r.getResourceProtocol()),
                Optional.ofNullable(r.getCapabilityId()), Optional.ofNullable(r.getCorrelationId()),
                Optional.ofNullable(r.getSourceNode()), Optional.ofNullable(r.getTargetNode()),
                Optional.ofNullable(r.getEstimatedCost()), Optional.ofNullable(r.getActualCost()));
    }
}
