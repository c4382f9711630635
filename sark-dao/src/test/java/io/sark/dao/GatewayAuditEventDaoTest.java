package io.sark.dao;

import static io.sark.dao.Fixtures.json;
import static io.sark.dao.Fixtures.uid;
import static io.sark.dao.ResourceDaoTest.assertField;
import static io.sark.schema.jooq.Tables.GATEWAY_AUDIT_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.GatewayAuditEvent;
import io.sark.dao.model.GatewayAuditQuery;
import io.sark.dao.model.NewGatewayAuditEvent;
import io.sark.dao.model.Page;
import io.sark.testkit.SarkDatabaseTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class GatewayAuditEventDaoTest {

    @Test
    void appendsQueriesPagesAndPurges(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String user = uid("u");
        Instant base = Instant.parse("2013-01-01T00:00:00Z"); // older than the minimum audit retention, for the purge
        GatewayAuditEvent one = db.gatewayAuditEvents().append(NewGatewayAuditEvent.of("tool_invoke", "allow", "policy ok", "gw-1")
                .userId(user).agentId("agent").serverName("fs").toolName("read").timestamp(base).metadata(json("{\"a\":1}")));
        assertThat(one.userId()).contains(user);
        assertThat(one.metadata()).isEqualTo(json("{\"a\":1}"));
        assertThat(one.timestamp()).isEqualTo(base);
        assertThat(db.gatewayAuditEvents().findById(one.id())).contains(one);

        List<NewGatewayAuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            batch.add(NewGatewayAuditEvent.of(i % 2 == 0 ? "discovery" : "tool_invoke", i % 3 == 0 ? "deny" : "allow", "r" + i, "gw-b" + i)
                    .userId(user).timestamp(base.plusSeconds(1 + i / 3)));
        }
        assertThat(db.gatewayAuditEvents().appendAll(batch)).extracting(GatewayAuditEvent::id)
                .containsExactlyElementsOf(batch.stream().map(NewGatewayAuditEvent::id).toList());

        GatewayAuditQuery q = GatewayAuditQuery.between(base, base.plusSeconds(60)).userId(user).limit(5);
        List<GatewayAuditEvent> seen = new ArrayList<>();
        Page<GatewayAuditEvent> page = db.gatewayAuditEvents().find(q);
        while (true) {
            seen.addAll(page.items());
            if (!page.hasNext()) {
                break;
            }
            page = db.gatewayAuditEvents().find(q, page.nextPageToken().orElseThrow());
        }
        assertThat(seen).hasSize(12).extracting(GatewayAuditEvent::id).doesNotHaveDuplicates();
        assertThat(db.gatewayAuditEvents().find(q.limit(100).decision("deny")).items()).hasSize(4);
        assertThat(db.gatewayAuditEvents().find(q.limit(100).eventType("discovery")).items()).hasSize(6);
        assertThat(db.gatewayAuditEvents().find(q.limit(100).gatewayRequestId("gw-1")).items()).containsExactly(one);

        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().deleteFrom(GATEWAY_AUDIT_EVENTS).execute()))
                .isInstanceOf(AppendOnlyViolationException.class);
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().update(GATEWAY_AUDIT_EVENTS).set(GATEWAY_AUDIT_EVENTS.REASON, "x").execute()))
                .isInstanceOf(AppendOnlyViolationException.class);
        assertThat(db.gatewayAuditEvents().purgeOlderThan(base.plusSeconds(1))).isEqualTo(1);
        assertThat(db.gatewayAuditEvents().findById(one.id())).isEmpty();
        assertThat(db.gatewayAuditEvents().find(q.limit(100)).items()).hasSize(11);
    }

    @Test
    void invalidInput() {
        assertField(() -> NewGatewayAuditEvent.of("e".repeat(51), "allow", "r", "g"), "eventType");
        assertField(() -> NewGatewayAuditEvent.of("e", "allow-always", "r", "g"), "decision");
        assertField(() -> NewGatewayAuditEvent.of("e", "allow", "", "g"), "reason");
        assertField(() -> NewGatewayAuditEvent.of("e", "allow", "r", null), "gatewayRequestId");
        assertField(() -> NewGatewayAuditEvent.of("e", "allow", "r", "g").metadata(json("1")), "metadata");
        Instant t = Instant.EPOCH;
        assertField(() -> GatewayAuditQuery.between(t.plusSeconds(1), t), "to");
    }
}
