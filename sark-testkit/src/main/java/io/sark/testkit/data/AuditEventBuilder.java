package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.enums.Auditeventtype;
import io.sark.schema.jooq.enums.Severitylevel;
import io.sark.schema.jooq.tables.records.AuditEventsRecord;
import io.sark.schema.jooq.tables.records.CapabilitiesRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code audit_events} row (append-only: the builder only inserts). Defaults: {@code tool_invoked},
 * severity {@code low}, decision {@code allow}, a request id and correlation id drawn from the seed,
 * timestamped "now", no user.
 */
public final class AuditEventBuilder {

    private final SarkData data;
    private final Draw draw;
    private final AuditEventsRecord record = new AuditEventsRecord();
    private final ObjectNode details = SarkJson.object();

    AuditEventBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        record.setTimestamp(data.now());
        record.setEventType(Auditeventtype.tool_invoked);
        record.setSeverity(Severitylevel.low);
        record.setDecision("allow");
        record.setRequestId("req-" + draw.letters(16));
        record.setCorrelationId("corr-" + draw.letters(16));
        record.setIpAddress("192.0.2." + draw.nextInt(1, 255));
        record.setUserAgent("sark-testkit/" + draw.n);
    }

    /** The event type. */
    public AuditEventBuilder type(Auditeventtype type) {
        record.setEventType(type);
        return this;
    }

    /** The severity. */
    public AuditEventBuilder severity(Severitylevel severity) {
        record.setSeverity(severity);
        return this;
    }

    /** The acting user (id and email). */
    public AuditEventBuilder user(UsersRecord user) {
        record.setUserId(user.getId());
        record.setUserEmail(user.getEmail());
        return this;
    }

    /** The capability invoked: its id and name as tool name. */
    public AuditEventBuilder capability(CapabilitiesRecord capability) {
        record.setCapabilityId(capability.getId());
        record.setToolName(capability.getName());
        return this;
    }

    /** The tool name. */
    public AuditEventBuilder toolName(String toolName) {
        record.setToolName(toolName);
        return this;
    }

    /** The decision, e.g. {@code allow} or {@code deny}. */
    public AuditEventBuilder decision(String decision) {
        record.setDecision(decision);
        return this;
    }

    /** The principal's organisation and the resource protocol (federation columns). */
    public AuditEventBuilder federation(String principalOrg, String sourceNode, String targetNode) {
        record.setPrincipalOrg(principalOrg);
        record.setSourceNode(sourceNode);
        record.setTargetNode(targetNode);
        return this;
    }

    /** The resource protocol. */
    public AuditEventBuilder resourceProtocol(String protocol) {
        record.setResourceProtocol(protocol);
        return this;
    }

    /** Estimated and actual cost. */
    public AuditEventBuilder cost(String estimated, String actual) {
        record.setEstimatedCost(estimated == null ? null : new BigDecimal(estimated));
        record.setActualCost(actual == null ? null : new BigDecimal(actual));
        return this;
    }

    /** The correlation id. */
    public AuditEventBuilder correlationId(String correlationId) {
        record.setCorrelationId(correlationId);
        return this;
    }

    /** When it happened. */
    public AuditEventBuilder at(OffsetDateTime timestamp) {
        record.setTimestamp(timestamp);
        return this;
    }

    /** When it happened, relative to "now". */
    public AuditEventBuilder in(Duration offset) {
        record.setTimestamp(data.now().plus(offset));
        return this;
    }

    /** Adds {@code key: value} to {@code details}. */
    public AuditEventBuilder detail(String key, Object value) {
        Rows.put(details, key, value);
        return this;
    }

    /** Inserts the event. */
    public AuditEventsRecord insert() {
        record.setId(draw.uuid());
        record.setDetails(details);
        return Rows.insert(data.dsl(), Tables.AUDIT_EVENTS, record);
    }

    /** Inserts {@code count} events like this one, one second apart ending at its timestamp, with new ids. */
    public List<AuditEventsRecord> insert(int count) {
        OffsetDateTime end = record.getTimestamp();
        return data.dsl().transactionResult(tx -> {
            List<AuditEventsRecord> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                AuditEventsRecord r = Rows.copyChanged(record, new AuditEventsRecord());
                r.setId(draw.uuid());
                r.setTimestamp(end.minusSeconds(count - 1 - i));
                r.setDetails(details.deepCopy());
                rows.add(Rows.insert(tx.dsl(), Tables.AUDIT_EVENTS, r));
            }
            return rows;
        });
    }
}
