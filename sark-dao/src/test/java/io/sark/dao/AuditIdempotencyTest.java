package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.model.AuditEvent;
import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.GatewayAuditEvent;
import io.sark.dao.model.NewAuditEvent;
import io.sark.dao.model.NewGatewayAuditEvent;
import io.sark.testkit.SarkDatabaseTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Appending an event id twice (a retry, a race, a new timestamp) stores one row and returns it. */
@SarkDatabaseTest
class AuditIdempotencyTest {

    @Test
    void auditAppendIsIdempotentByIdWhateverTheTimestamp(DataSource ds, DSLContext dsl) {
        SarkDatabase t1 = Dbs.using(ds).withClock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        SarkDatabase t2 = t1.withClock(Clock.fixed(Instant.parse("2027-01-01T00:00:05Z"), ZoneOffset.UTC));
        NewAuditEvent e = NewAuditEvent.of(AuditEventType.USER_LOGIN); // no timestamp: "now" at append
        AuditEvent first = t1.auditEvents().append(e);
        AuditEvent again = t2.auditEvents().append(e);
        assertThat(again).isEqualTo(first);
        NewAuditEvent sameIdOtherTime = NewAuditEvent.of(AuditEventType.USER_LOGOUT).id(e.id())
                .timestamp(Instant.parse("2027-02-01T00:00:00Z"));
        assertThat(t2.auditEvents().appendAll(List.of(sameIdOtherTime, e))).containsExactly(first, first);
        assertThat(t2.auditEvents().findById(e.id())).contains(first);
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_events").where("id = ?", e.id()))).isEqualTo(1);

        NewAuditEvent fresh = NewAuditEvent.of(AuditEventType.USER_LOGIN);
        List<AuditEvent> batch = t2.auditEvents().appendAll(List.of(fresh, e, fresh));
        assertThat(batch.get(0)).isEqualTo(batch.get(2));
        assertThat(batch.get(1)).isEqualTo(first);
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_events").where("id = ?", fresh.id()))).isEqualTo(1);
    }

    @Test
    void gatewayAuditAppendIsIdempotentById(DataSource ds, DSLContext dsl) {
        SarkDatabase t1 = Dbs.using(ds).withClock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        SarkDatabase t2 = t1.withClock(Clock.fixed(Instant.parse("2027-01-01T00:00:05Z"), ZoneOffset.UTC));
        NewGatewayAuditEvent e = NewGatewayAuditEvent.of("tool_call", "allow", "policy ok", "req-1");
        GatewayAuditEvent first = t1.gatewayAuditEvents().append(e);
        assertThat(t2.gatewayAuditEvents().append(e)).isEqualTo(first);
        assertThat(t2.gatewayAuditEvents().findById(e.id())).contains(first);
        assertThat(dsl.fetchCount(dsl.selectFrom("gateway_audit_events").where("id = ?", e.id()))).isEqualTo(1);
    }

    @Test
    void concurrentAppendsOfOneIdStoreOneRow(DataSource ds, DSLContext dsl) throws Exception {
        SarkDatabase db = Dbs.using(ds);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                UUID id = UUID.randomUUID();
                List<CompletableFuture<AuditEvent>> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    // different timestamps per thread: only the id makes them the same event
                    Instant at = Instant.parse("2027-03-01T00:00:00Z").plusSeconds(i);
                    all.add(CompletableFuture.supplyAsync(() -> db.auditEvents().append(
                            NewAuditEvent.of(AuditEventType.USER_LOGIN).id(id).timestamp(at)), pool));
                }
                List<AuditEvent> results = all.stream().map(CompletableFuture::join).toList();
                assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(results.get(0)));
                assertThat(dsl.fetchCount(dsl.selectFrom("audit_events").where("id = ?", id))).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
