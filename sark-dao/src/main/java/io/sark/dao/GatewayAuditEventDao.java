package io.sark.dao;

import static io.sark.schema.jooq.Tables.GATEWAY_AUDIT_EVENTS;

import com.fasterxml.jackson.databind.node.NullNode;
import io.sark.dao.internal.AuditTrail;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Purge;
import io.sark.dao.internal.TimeKeyset;
import io.sark.dao.model.GatewayAuditEvent;
import io.sark.dao.model.GatewayAuditQuery;
import io.sark.dao.model.NewGatewayAuditEvent;
import io.sark.dao.model.Page;
import io.sark.schema.jooq.tables.records.GatewayAuditEventsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The append-only gateway audit trail ({@code gateway_audit_events}); the same rules as {@link AuditEventDao}.
 */
public final class GatewayAuditEventDao {

    static final int INSERT_CHUNK = AuditTrail.INSERT_CHUNK;
    private static final TimeKeyset<GatewayAuditEventsRecord, String, GatewayAuditEvent> KEYSET = new TimeKeyset<>(
            "gateway-audit-events", GATEWAY_AUDIT_EVENTS, GATEWAY_AUDIT_EVENTS.TIMESTAMP, GATEWAY_AUDIT_EVENTS.ID,
            Function.identity(), GatewayAuditEvent::timestamp, GatewayAuditEvent::id);
    /** The advisory lock class of this trail's appends (docs/decisions/009). */
    private static final int LOCK_CLASS = 0x5341_5202;

    private final DaoContext context;

    GatewayAuditEventDao(DaoContext context) {
        this.context = context;
    }

    /**
     * Appends one event. Idempotent by id, so safe to retry: if an event with this id is stored, nothing is written
     * and the stored event is returned.
     */
    public GatewayAuditEvent append(NewGatewayAuditEvent event) {
        Check.notNull("event", event);
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Appends events atomically, one multi-row INSERT per {@value #INSERT_CHUNK}; returns them in the order given.
     * Idempotent by id like {@link #append}.
     */
    public List<GatewayAuditEvent> appendAll(List<NewGatewayAuditEvent> events) {
        return AuditTrail.appendAll(context, KEYSET, LOCK_CLASS, NewGatewayAuditEvent::id, events, GatewayAuditEventDao::map,
                GatewayAuditEventDao::insert);
    }

    /** The event with this id (the key is (id, timestamp); the SDK keeps ids unique, see {@link #append}). */
    public Optional<GatewayAuditEvent> findById(String id) {
        Check.required("id", id, 255);
        return context.dsl().selectFrom(GATEWAY_AUDIT_EVENTS).where(GATEWAY_AUDIT_EVENTS.ID.eq(id))
                .orderBy(GATEWAY_AUDIT_EVENTS.TIMESTAMP).limit(1).fetchOptional().map(GatewayAuditEventDao::map);
    }

    /** The first page of {@link #find(GatewayAuditQuery, String)}. */
    public Page<GatewayAuditEvent> find(GatewayAuditQuery query) {
        return find(query, null);
    }

    /** Events matching {@code query}, oldest first (timestamp, then id), keyset-paginated. */
    public Page<GatewayAuditEvent> find(GatewayAuditQuery query, String pageToken) {
        Check.notNull("query", query);
        var t = GATEWAY_AUDIT_EVENTS;
        Condition c = t.TIMESTAMP.ge(Db.odt(query.from())).and(t.TIMESTAMP.lt(Db.odt(query.to())));
        c = c.and(query.eventType().map(t.EVENT_TYPE::eq).orElse(DSL.noCondition()));
        c = c.and(query.userId().map(t.USER_ID::eq).orElse(DSL.noCondition()));
        c = c.and(query.decision().map(t.DECISION::eq).orElse(DSL.noCondition()));
        c = c.and(query.gatewayRequestId().map(t.GATEWAY_REQUEST_ID::eq).orElse(DSL.noCondition()));
        return KEYSET.page(context, c, pageToken, query.limit(), GatewayAuditEventDao::map);
    }

    /** Retention purge: deletes events with {@code timestamp < cutoff}; returns how many. */
    public long purgeOlderThan(Instant cutoff) {
        return Purge.olderThan(context, "gateway_audit_events", cutoff);
    }

    private static List<GatewayAuditEvent> insert(DSLContext dsl, List<NewGatewayAuditEvent> events, OffsetDateTime now) {
        var t = GATEWAY_AUDIT_EVENTS;
        InsertSetMoreStep<GatewayAuditEventsRecord> insert = null;
        var step = dsl.insertInto(t);
        for (NewGatewayAuditEvent e : events) {
            insert = (insert == null ? step : insert.newRecord())
                    .set(t.ID, e.id())
                    .set(t.EVENT_TYPE, e.eventType())
                    .set(t.USER_ID, e.userId())
                    .set(t.AGENT_ID, e.agentId())
                    .set(t.SERVER_NAME, e.serverName())
                    .set(t.TOOL_NAME, e.toolName())
                    .set(t.DECISION, e.decision())
                    .set(t.REASON, e.reason())
                    .set(t.TIMESTAMP, e.timestamp() == null ? now : Db.odt(e.timestamp()))
                    .set(t.GATEWAY_REQUEST_ID, e.gatewayRequestId())
                    .set(t.METADATA, e.metadata())
                    .set(t.CREATED_AT, now);
        }
        return insert.returning().fetch(GatewayAuditEventDao::map);
    }

    private static GatewayAuditEvent map(Record rec) {
        GatewayAuditEventsRecord r = rec.into(GATEWAY_AUDIT_EVENTS);
        return new GatewayAuditEvent(r.getId(), r.getEventType(), Optional.ofNullable(r.getUserId()),
                Optional.ofNullable(r.getAgentId()), Optional.ofNullable(r.getServerName()), Optional.ofNullable(r.getToolName()),
                r.getDecision(), r.getReason(), Db.instant(r.getTimestamp()), r.getGatewayRequestId(),
                r.getMetadata() == null ? NullNode.getInstance() : r.getMetadata(), Db.instant(r.getCreatedAt()));
    }
}
