package io.sark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sark.dao.SarkDatabase;
import io.sark.dao.model.AuditEvent;
import io.sark.dao.model.AuditEventQuery;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.Cost;
import io.sark.dao.model.CostQuery;
import io.sark.dao.model.CreatedApiKey;
import io.sark.dao.model.Page;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.Resource;
import io.sark.testkit.Isolation;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import io.sark.testkit.data.SarkData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Runs in two builds without the SARK parent (JUnit 5.10.2 declared before / after sark-testkit): every testkit
 * feature that touches JUnit's API (class and method stores, constructor and method injection, nested classes)
 * with the consumer's JUnit only. JUnit's own assertions: the consumer brings nothing else.
 */
@SarkDatabaseTest
class ConsumerTest {

    private final TestDatabase classDatabase;

    ConsumerTest(TestDatabase db) {
        this.classDatabase = db;
    }

    @Test
    void theClasspathHasOneJUnitTheConsumers() {
        String expected = System.getProperty("sark.consumer.expected-junit");
        assertNotNull(expected, "sark.consumer.expected-junit");
        assertEquals(expected, Test.class.getPackage().getImplementationVersion(), "junit-jupiter-api");
        assertEquals(expected, org.junit.jupiter.engine.JupiterTestEngine.class.getPackage().getImplementationVersion(),
                "junit-jupiter-engine");
    }

    @Test
    void injectsTheClassDatabase(TestDatabase db, DataSource dataSource) throws Exception {
        assertSame(classDatabase, db);
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM resources")) {
            assertTrue(rs.next());
        }
    }

    @Test
    void buildersAndTheInjectedDaoAgree(SarkDatabase db, SarkData data) {
        CreatedApiKey key = data.apiKey().insert();
        assertEquals(key.apiKey(), db.apiKeys().verify(key.plaintext()).orElseThrow());
        BudgetReservation hold = data.reservation().amount("2.50").insert();
        assertEquals(0, db.budgets().status(hold.principalId()).orElseThrow().reserved().compareTo(hold.amount()));
    }

    @Test
    void writesIntoTheCatalogue(SarkDatabase db, SarkData data, TestInfo info) {
        String id = data.resource().protocol(Protocol.HTTP).withCapabilities(2).insert().resource().id();
        assertEquals(2, db.resources().findWithCapabilities(id).orElseThrow().capabilities().size(), info.getDisplayName());
    }

    @Test
    void onePageTypeForEveryListing(SarkDatabase db, SarkData data) {
        for (int i = 0; i < 5; i++) {
            data.resource().protocol(Protocol.GRPC).insert();
        }
        List<Cost> costs = data.cost().principal("pager").insert(7);
        data.auditEvent().insert(4);
        Instant now = data.now();
        Page<Resource> first = db.resources().listByProtocol(Protocol.GRPC, 2);
        assertEquals(2, first.items().size());
        assertEquals(5, Page.stream(token -> db.resources().listByProtocol(Protocol.GRPC, 2, token)).count());
        CostQuery query = CostQuery.all().principal("pager").limit(3);
        assertEquals(costs, Page.stream(token -> db.costs().find(query, token)).toList());
        AuditEventQuery events = AuditEventQuery.between(now.minusSeconds(3600), now.plusSeconds(1)).limit(3);
        List<AuditEvent> seen = new ArrayList<>();
        Page.forEach(token -> db.auditEvents().find(events, token), seen::add);
        assertEquals(4, seen.size());
    }

    @Nested
    @SarkDatabaseTest(isolation = Isolation.PER_METHOD)
    class PerMethod {

        @Test
        void getsItsOwnDatabase(TestDatabase db) {
            assertTrue(!db.name().equals(classDatabase.name()));
        }

        @Test
        void startsEmpty(SarkDatabase db) {
            assertTrue(db.users().list().isEmpty());
        }
    }
}
