package io.sark.dao;

import static io.sark.dao.Fixtures.json;
import static io.sark.dao.Fixtures.uid;
import static io.sark.dao.ResourceDaoTest.assertField;
import static io.sark.schema.jooq.Tables.AUDIT_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.AuditEvent;
import io.sark.dao.model.AuditEventQuery;
import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.NewAuditEvent;
import io.sark.dao.model.Page;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.SeverityLevel;
import io.sark.testkit.SarkDatabaseTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class AuditEventDaoTest {

    static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z");

    @Test
    void appendsOneWithEveryFieldAndReadsItBack(DataSource ds) {
        SarkDatabase db = Dbs.using(ds).withClock(Clock.fixed(T0, ZoneOffset.UTC));
        UUID user = UUID.randomUUID();
        NewAuditEvent e = NewAuditEvent.of(AuditEventType.CROSS_ORG_REQUEST).severity(SeverityLevel.HIGH).userId(user)
                .userEmail("a@b.test").serverId(UUID.randomUUID()).toolName("read").decision("allow").policyId(UUID.randomUUID())
                .ipAddress("2001:db8::1").userAgent("ua").requestId("req-1").details(json("{\"k\":[1,2.50]}"))
                .principalOrg("acme").resourceProtocol(Protocol.MCP).capabilityId("cap").correlationId("corr")
                .sourceNode("n1").targetNode("n2").estimatedCost(new BigDecimal("0.00000001")).actualCost(new BigDecimal("12.5"))
                ;
        AuditEvent a = db.auditEvents().append(e);
        assertThat(a.id()).isEqualTo(e.id());
        assertThat(a.timestamp()).isEqualTo(T0);
        assertThat(a.eventType()).isEqualTo(AuditEventType.CROSS_ORG_REQUEST);
        assertThat(a.severity()).isEqualTo(SeverityLevel.HIGH);
        assertThat(a.userId()).contains(user);
        assertThat(a.details()).isEqualTo(json("{\"k\":[1,2.50]}"));
        assertThat(a.resourceProtocol()).contains("mcp");
        assertThat(a.estimatedCost().orElseThrow()).isEqualByComparingTo("0.00000001");
        assertThat(a.actualCost().orElseThrow()).isEqualByComparingTo("12.5");
        assertThat(a.siemForwarded()).isEmpty();
        assertThat(db.auditEvents().findById(a.id())).contains(a);
        AuditEvent minimal = db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN));
        assertThat(minimal.severity()).isEqualTo(SeverityLevel.LOW);
        assertThat(minimal.userId()).isEmpty();
        assertThat(minimal.details()).isEqualTo(json("{}"));
    }

    @Test
    void everyEventTypeIncludingTheV2OnesRoundTrips(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        List<NewAuditEvent> events = new ArrayList<>();
        for (AuditEventType t : AuditEventType.values()) {
            events.add(NewAuditEvent.of(t));
        }
        assertThat(db.auditEvents().appendAll(events)).extracting(AuditEvent::eventType).containsExactly(AuditEventType.values());
        assertThat(AuditEventType.values()).hasSize(17);
    }

    @Test
    void batchAppendPreservesOrderAndIsIdempotentById(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        String corr = uid("batch");
        List<NewAuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            events.add(NewAuditEvent.of(AuditEventType.TOOL_INVOKED).correlationId(corr).timestamp(T0.plusMillis(i)));
        }
        List<AuditEvent> stored = db.auditEvents().appendAll(events);
        assertThat(stored).extracting(AuditEvent::id).containsExactlyElementsOf(events.stream().map(NewAuditEvent::id).toList());
        assertThat(dsl.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.CORRELATION_ID.eq(corr))).isEqualTo(2500);

        // an id already stored, in the third chunk: not written again, its stored row is returned in its place
        String corr2 = uid("batch");
        List<NewAuditEvent> more = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            more.add(NewAuditEvent.of(AuditEventType.TOOL_INVOKED).correlationId(corr2).timestamp(T0));
        }
        more.add(events.get(0));
        List<AuditEvent> again = db.auditEvents().appendAll(more);
        assertThat(again.get(2100)).isEqualTo(stored.get(0));
        assertThat(dsl.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.CORRELATION_ID.eq(corr2))).isEqualTo(2100);
        assertThat(dsl.fetchCount(AUDIT_EVENTS, AUDIT_EVENTS.ID.eq(events.get(0).id()))).isOne();
    }

    @Test
    void queriesByFiltersWithKeysetPagination(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String org = uid("org");
        Instant base = Instant.parse("2032-06-01T00:00:00Z");
        List<NewAuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(NewAuditEvent.of(i % 2 == 0 ? AuditEventType.CROSS_ORG_REQUEST : AuditEventType.CROSS_ORG_AUTHORIZATION)
                    .principalOrg(org).correlationId(org + "-c" + (i % 3)).sourceNode(org + "-s" + (i % 5))
                    .targetNode(org + "-t" + (i % 2)).timestamp(base.plusSeconds(i / 2))); // pairs share a timestamp
        }
        db.auditEvents().appendAll(events);
        AuditEventQuery all = AuditEventQuery.between(base, base.plusSeconds(3600)).principalOrg(org).limit(4);
        List<AuditEvent> seen = new ArrayList<>();
        Page<AuditEvent> page = db.auditEvents().find(all);
        while (true) {
            seen.addAll(page.items());
            if (!page.hasNext()) {
                break;
            }
            page = db.auditEvents().find(all, page.nextPageToken().orElseThrow());
        }
        assertThat(seen).hasSize(30);
        for (int i = 1; i < seen.size(); i++) {
            AuditEvent p = seen.get(i - 1);
            AuditEvent c = seen.get(i);
            assertThat(p.timestamp().isBefore(c.timestamp())
                    || p.timestamp().equals(c.timestamp()) && p.id().toString().compareTo(c.id().toString()) < 0).isTrue(); // PostgreSQL orders uuids bytewise
        }
        assertThat(seen).extracting(AuditEvent::id).doesNotHaveDuplicates();

        AuditEventQuery window = AuditEventQuery.between(base.plusSeconds(2), base.plusSeconds(5)).principalOrg(org).limit(100);
        assertThat(db.auditEvents().find(window).items()).hasSize(6);
        assertThat(db.auditEvents().find(all.limit(100).eventType(AuditEventType.CROSS_ORG_REQUEST)).items()).hasSize(15);
        assertThat(db.auditEvents().find(all.limit(100).correlationId(org + "-c1")).items()).hasSize(10);
        assertThat(db.auditEvents().find(all.limit(100).sourceNode(org + "-s4")).items()).hasSize(6);
        assertThat(db.auditEvents().find(all.limit(100).targetNode(org + "-t1").sourceNode(org + "-s1")).items()).hasSize(3);
        assertThat(db.auditEvents().find(all.limit(100).correlationId("none")).items()).isEmpty();
        assertField(() -> db.auditEvents().find(all, "bogus"), "pageToken");
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        AuditEvent a = db.auditEvents().append(NewAuditEvent.of(AuditEventType.SECURITY_VIOLATION));
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().update(AUDIT_EVENTS).set(AUDIT_EVENTS.DECISION, "deny")
                .where(AUDIT_EVENTS.ID.eq(a.id())).execute())).isInstanceOf(AppendOnlyViolationException.class);
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().deleteFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.ID.eq(a.id())).execute()))
                .isInstanceOf(AppendOnlyViolationException.class);
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().truncate(AUDIT_EVENTS).execute()))
                .isInstanceOf(AppendOnlyViolationException.class);
        assertThat(db.auditEvents().findById(a.id())).contains(a);
    }

    @Test
    void purgeDeletesOnlyOlderRows(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        Instant cutoff = Instant.parse("2001-01-01T00:00:00Z");
        AuditEvent old1 = db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).timestamp(cutoff.minusSeconds(1)));
        AuditEvent old2 = db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).timestamp(cutoff.minusSeconds(86400)));
        AuditEvent atCutoff = db.auditEvents().append(NewAuditEvent.of(AuditEventType.USER_LOGIN).timestamp(cutoff));
        assertThat(db.auditEvents().purgeOlderThan(cutoff)).isEqualTo(2);
        assertThat(db.auditEvents().findById(old1.id())).isEmpty();
        assertThat(db.auditEvents().findById(old2.id())).isEmpty();
        assertThat(db.auditEvents().findById(atCutoff.id())).isPresent();
        assertThat(db.auditEvents().purgeOlderThan(cutoff)).isZero();
        // the purge's permission does not leak into the rest of a transaction
        assertThatThrownBy(() -> db.useTransaction(tx -> {
            tx.auditEvents().purgeOlderThan(cutoff);
            tx.dsl().deleteFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.ID.eq(atCutoff.id())).execute();
        })).isInstanceOf(AppendOnlyViolationException.class);
        assertThat(db.auditEvents().findById(atCutoff.id())).isPresent();
        assertThat(dsl.fetchValue(DSL.selectCount().from(AUDIT_EVENTS).where(AUDIT_EVENTS.TIMESTAMP.lt(Db0.odt(cutoff))))).isZero();
    }

    @Test
    void invalidInput() {
        assertField(() -> NewAuditEvent.of(null), "eventType");
        assertField(() -> NewAuditEvent.of(AuditEventType.USER_LOGIN).decision("d".repeat(21)), "decision");
        assertField(() -> NewAuditEvent.of(AuditEventType.USER_LOGIN).ipAddress("1".repeat(46)), "ipAddress");
        assertField(() -> NewAuditEvent.of(AuditEventType.USER_LOGIN).correlationId("c".repeat(101)), "correlationId");
        assertField(() -> NewAuditEvent.of(AuditEventType.USER_LOGIN).actualCost(new BigDecimal("-1")), "actualCost");
        assertField(() -> NewAuditEvent.of(AuditEventType.USER_LOGIN).estimatedCost(new BigDecimal("0.000000001")), "estimatedCost");
        assertField(() -> NewAuditEvent.of(AuditEventType.USER_LOGIN).estimatedCost(new BigDecimal("1e10")), "estimatedCost");
        assertField(() -> NewAuditEvent.of(AuditEventType.USER_LOGIN).details(json("[]")), "details");
        assertField(() -> AuditEventType.parse("configuration_changed"), "eventType");
        assertField(() -> AuditEventQuery.between(T0, T0), "to");
        assertField(() -> AuditEventQuery.between(T0, T0.plusSeconds(1)).limit(0), "limit");
    }

    /** Small local helper to keep the test free of internal imports. */
    static final class Db0 {
        static java.time.OffsetDateTime odt(Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
    }
}
