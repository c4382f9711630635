package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.AuditEvent;
import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.Capability;
import io.sark.dao.model.NewAuditEvent;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.SeverityLevel;
import io.sark.dao.model.User;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An audit event, appended by the DAO ({@code auditEvents().append}; the trail is append-only). Defaults:
 * {@link AuditEventType#TOOL_INVOKED}, {@link SeverityLevel#LOW}, decision {@code allow}, a request id, correlation
 * id, address and user agent drawn from the seed, timestamped "now" on the shared clock, no user. {@link #insert()}
 * returns the DAO's {@link AuditEvent}.
 */
public final class AuditEventBuilder {

    private final SarkData data;
    private final Draw draw;
    private final ObjectNode details = SarkJson.object();
    private final List<UnaryOperator<NewAuditEvent>> settings = new ArrayList<>();
    private AuditEventType type = AuditEventType.TOOL_INVOKED;
    private SeverityLevel severity = SeverityLevel.LOW;
    private Instant timestamp;

    AuditEventBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        this.timestamp = data.now();
        String requestId = "req-" + draw.letters(16);
        String correlationId = "corr-" + draw.letters(16);
        String ip = "192.0.2." + draw.nextInt(1, 255);
        settings.add(b -> b.decision("allow").requestId(requestId).correlationId(correlationId).ipAddress(ip)
                .userAgent("sark-testkit/" + draw.n));
    }

    /** The event type. */
    public AuditEventBuilder type(AuditEventType type) {
        this.type = type;
        return this;
    }

    /** The severity. */
    public AuditEventBuilder severity(SeverityLevel severity) {
        this.severity = severity;
        return this;
    }

    /** The acting user (id and email). */
    public AuditEventBuilder user(User user) {
        settings.add(b -> b.userId(user.id()).userEmail(user.email()));
        return this;
    }

    /** The capability invoked: its id, and its name as tool name. */
    public AuditEventBuilder capability(Capability capability) {
        settings.add(b -> b.capabilityId(capability.id()).toolName(capability.name()));
        return this;
    }

    /** The tool name. */
    public AuditEventBuilder toolName(String toolName) {
        settings.add(b -> b.toolName(toolName));
        return this;
    }

    /** The decision, e.g. {@code allow} or {@code deny}. */
    public AuditEventBuilder decision(String decision) {
        settings.add(b -> b.decision(decision));
        return this;
    }

    /** The principal's organisation and the source and target nodes (federation columns). */
    public AuditEventBuilder federation(String principalOrg, String sourceNode, String targetNode) {
        settings.add(b -> b.principalOrg(principalOrg).sourceNode(sourceNode).targetNode(targetNode));
        return this;
    }

    /** The resource protocol. */
    public AuditEventBuilder resourceProtocol(Protocol protocol) {
        settings.add(b -> b.resourceProtocol(protocol));
        return this;
    }

    /** Estimated and actual cost. */
    public AuditEventBuilder cost(String estimated, String actual) {
        BigDecimal e = estimated == null ? null : new BigDecimal(estimated);
        BigDecimal a = actual == null ? null : new BigDecimal(actual);
        settings.add(b -> b.estimatedCost(e).actualCost(a));
        return this;
    }

    /** The correlation id. */
    public AuditEventBuilder correlationId(String correlationId) {
        settings.add(b -> b.correlationId(correlationId));
        return this;
    }

    /** When it happened. */
    public AuditEventBuilder at(Instant timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /** When it happened, relative to "now". */
    public AuditEventBuilder in(Duration offset) {
        this.timestamp = data.now().plus(offset);
        return this;
    }

    /** Adds {@code key: value} to {@code details}. */
    public AuditEventBuilder detail(String key, Object value) {
        Rows.put(details, key, value);
        return this;
    }

    /** Appends the event. */
    public AuditEvent insert() {
        return data.database().auditEvents().append(build(timestamp));
    }

    /** Appends {@code count} events like this one in one call, one second apart ending at its timestamp, with new ids. */
    public List<AuditEvent> insert(int count) {
        List<NewAuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(build(timestamp.minusSeconds(count - 1 - i)));
        }
        return data.database().auditEvents().appendAll(events);
    }

    private NewAuditEvent build(Instant at) {
        NewAuditEvent e = NewAuditEvent.of(type).id(draw.uuid()).timestamp(at).severity(severity)
                .details(details.deepCopy());
        for (UnaryOperator<NewAuditEvent> s : settings) {
            e = s.apply(e);
        }
        return e;
    }
}
