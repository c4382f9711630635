package io.sark.dao;

import static io.sark.dao.Fixtures.json;
import static io.sark.dao.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.NewCapability;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.NewResource;
import io.sark.dao.model.Page;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.Resource;
import io.sark.dao.model.ResourceSpend;
import io.sark.dao.model.ResourceUpdate;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.dao.model.SensitivityLevel;
import io.sark.schema.InvalidInputException;
import io.sark.testkit.SarkDatabaseTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class ResourceDaoTest {

    @Test
    void createsAndFindsWithExactJsonRoundTrip(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        var metadata = json("{\"transport\":\"stdio\",\"price\":1.50,\"big\":12345678901234567890,\"nested\":{\"a\":[1,2.0,\"x\"]},"
                + "\"quote\":\"it's \\\"q\\\" \\\\ é\",\"nil\":null}");
        Resource r = db.resources().create(NewResource.mcp("fs", "npx -y @mcp/server-fs")
                .sensitivity(SensitivityLevel.HIGH).metadata(metadata));
        assertThat(r.protocol()).isEqualTo(Protocol.MCP);
        assertThat(r.sensitivityLevel()).isEqualTo(SensitivityLevel.HIGH);
        assertThat(r.metadata()).isEqualTo(metadata);
        assertThat(r.createdAt()).isEqualTo(r.updatedAt());
        Resource found = db.resources().findById(r.id()).orElseThrow();
        assertThat(found).isEqualTo(r);
        assertThat(found.metadata().get("price").decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(db.resources().findById("missing-" + r.id())).isEmpty();
    }

    @Test
    void duplicateIdIsRefusedNamingTheConstraint(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        Resource r = db.resources().create(NewResource.http("api", "https://example.test"));
        assertThatThrownBy(() -> db.resources().create(NewResource.http("other", "https://other.test").id(r.id())))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.constraint()).isEqualTo("resources_pkey"));
        assertThat(db.resources().findById(r.id()).orElseThrow().name()).isEqualTo("api");
    }

    @Test
    void updateMovesUpdatedAtAndKeepsCreatedAt(DataSource ds) {
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        SarkDatabase db0 = Dbs.using(ds).withClock(Clock.fixed(t0, ZoneOffset.UTC));
        Resource r = db0.resources().create(NewResource.of(Protocol.GRPC, "svc", "grpc://svc:443"));
        assertThat(r.createdAt()).isEqualTo(t0);
        Instant t1 = t0.plusSeconds(3600);
        SarkDatabase db1 = Dbs.using(ds).withClock(Clock.fixed(t1, ZoneOffset.UTC));
        Resource u = db1.resources().update(r.id(), ResourceUpdate.none().name("svc2").sensitivity(SensitivityLevel.CRITICAL)
                .metadata(json("{\"v\":2}")).endpoint("grpc://svc2:443").protocol(Protocol.of("grpc_web")));
        assertThat(u.name()).isEqualTo("svc2");
        assertThat(u.protocol().value()).isEqualTo("grpc_web");
        assertThat(u.endpoint()).isEqualTo("grpc://svc2:443");
        assertThat(u.sensitivityLevel()).isEqualTo(SensitivityLevel.CRITICAL);
        assertThat(u.metadata()).isEqualTo(json("{\"v\":2}"));
        assertThat(u.createdAt()).isEqualTo(t0);
        assertThat(u.updatedAt()).isEqualTo(t1);
        assertThat(db1.resources().findById(r.id()).orElseThrow()).isEqualTo(u);
        assertThatThrownBy(() -> db1.resources().update("nope-" + r.id(), ResourceUpdate.none()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteCascadesToCapabilities(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        ResourceWithCapabilities rc = db.resources().register(NewResource.mcp("del", "cmd"),
                List.of(NewCapability.of("a"), NewCapability.of("b")));
        assertThat(db.capabilities().listByResource(rc.resource().id())).hasSize(2);
        assertThat(db.resources().delete(rc.resource().id())).isTrue();
        assertThat(db.resources().delete(rc.resource().id())).isFalse();
        assertThat(db.capabilities().findById(rc.capabilities().get(0).id())).isEmpty();
        assertThat(dsl.fetchCount(io.sark.schema.jooq.Tables.CAPABILITIES,
                io.sark.schema.jooq.Tables.CAPABILITIES.RESOURCE_ID.eq(rc.resource().id()))).isZero();
    }

    @Test
    void registerWritesAllOrNothing(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        List<NewCapability> caps = new ArrayList<>();
        for (int i = 0; i < 1005; i++) { // more than one INSERT chunk
            caps.add(NewCapability.of(String.format("tool-%04d", i)).inputSchema(json("{\"type\":\"object\"}")));
        }
        ResourceWithCapabilities rc = db.resources().register(NewResource.mcp("big", "cmd"), caps);
        assertThat(rc.capabilities()).hasSize(1005);
        assertThat(rc.capabilities()).extracting(c -> c.name()).containsExactlyElementsOf(caps.stream().map(NewCapability::name).toList());
        assertThat(db.resources().findWithCapabilities(rc.resource().id()).orElseThrow().capabilities()).hasSize(1005);

        // a duplicate capability id in the last chunk: nothing at all is written
        NewResource second = NewResource.mcp("second", "cmd");
        List<NewCapability> bad = new ArrayList<>(caps.subList(0, 3).stream().map(c -> c.id(uid("c"))).toList());
        bad.add(NewCapability.of("dup").id(rc.capabilities().get(0).id()));
        assertThatThrownBy(() -> db.resources().register(second, bad))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.constraint()).isEqualTo("capabilities_pkey"));
        assertThat(db.resources().findById(second.id())).isEmpty();
        assertThat(db.capabilities().findById(bad.get(0).id())).isEmpty();
    }

    @Test
    void findWithCapabilitiesReturnsResourceWithoutCapabilitiesToo(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        Resource lonely = db.resources().create(NewResource.mcp("lonely", "cmd"));
        ResourceWithCapabilities rc = db.resources().findWithCapabilities(lonely.id()).orElseThrow();
        assertThat(rc.resource()).isEqualTo(lonely);
        assertThat(rc.capabilities()).isEmpty();
        assertThat(db.resources().findWithCapabilities("none-" + lonely.id())).isEmpty();

        ResourceWithCapabilities two = db.resources().register(NewResource.mcp("two", "cmd"),
                List.of(NewCapability.of("z").description("last"), NewCapability.of("a")));
        ResourceWithCapabilities read = db.resources().findWithCapabilities(two.resource().id()).orElseThrow();
        assertThat(read.capabilities()).extracting(c -> c.name()).containsExactly("a", "z");
        assertThat(read.capabilities().get(1)).isEqualTo(two.capabilities().get(0));
    }

    @Test
    void listByProtocolPagesByNameAndIdWithoutGapsOrRepeats(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        Protocol p = Protocol.of("paging_test");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // duplicate names on purpose: ties are broken by id
            Resource r = db.resources().create(NewResource.of(p, "n" + (i % 7), "e").id(String.format("id-%02d", i)));
            expected.add(r.name() + "/" + r.id());
        }
        db.resources().create(NewResource.of(Protocol.of("other_proto"), "n0", "e"));
        expected.sort(null);
        List<String> seen = new ArrayList<>();
        Page<Resource> page = db.resources().listByProtocol(p, 5);
        int pages = 1;
        while (true) {
            page.items().forEach(r -> seen.add(r.name() + "/" + r.id()));
            if (!page.hasNext()) {
                break;
            }
            page = db.resources().listByProtocol(p, 5, page.nextPageToken().orElseThrow());
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(5);
        assertThatThrownBy(() -> db.resources().listByProtocol(Protocol.HTTP, 5, "garbage!"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pageToken"));
        String token = db.resources().listByProtocol(p, 5).nextPageToken().orElseThrow();
        assertThatThrownBy(() -> db.resources().listByProtocol(Protocol.HTTP, 5, token))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pageToken"));
        assertThatThrownBy(() -> db.resources().listByProtocol(p, 0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void metadataSearchUsesContainmentAndEscapesTheLiteral(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String tag = uid("t");
        Resource a = db.resources().create(NewResource.mcp("a", "e").metadata(json("{\"tag\":\"" + tag + "\",\"transport\":\"stdio\",\"n\":1}")));
        Resource b = db.resources().create(NewResource.mcp("b", "e").metadata(json("{\"tag\":\"" + tag + "\",\"transport\":\"http\"}")));
        String tricky = "x'); DROP TABLE resources; --\\\"é";
        var trickyJson = io.sark.schema.json.SarkJson.object().put("tag", tag).put("weird", tricky);
        Resource c = db.resources().create(NewResource.mcp("c", "e").metadata(trickyJson));

        assertThat(db.resources().searchByMetadata(json("{\"tag\":\"" + tag + "\"}"), 10)).containsExactly(a, b, c);
        assertThat(db.resources().searchByMetadata(json("{\"tag\":\"" + tag + "\",\"transport\":\"stdio\"}"), 10)).containsExactly(a);
        assertThat(db.resources().searchByMetadata(trickyJson, 10)).containsExactly(c);
        assertThat(db.resources().searchByMetadata(json("{\"tag\":\"" + tag + "\"}"), 2)).containsExactly(a, b);
        assertThat(db.resources().searchByMetadata(json("{\"tag\":\"nothing-" + tag + "\"}"), 10)).isEmpty();
        assertThatThrownBy(() -> db.resources().searchByMetadata(json("[1]"), 10))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filter"));
    }

    @Test
    void concurrentUpsertsOfTheSameIdBothSucceed(DataSource ds, DSLContext dsl) throws Exception {
        SarkDatabase db = Dbs.using(ds);
        String id = uid("race");
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Resource> first = CompletableFuture.supplyAsync(() -> db.inTransaction(tx -> {
            Resource r = tx.resources().upsert(NewResource.mcp("first", "e1").id(id));
            firstInserted.countDown();
            await(release);
            return r;
        }));
        assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Resource> second = CompletableFuture.supplyAsync(
                () -> db.resources().upsert(NewResource.mcp("second", "e2").id(id).sensitivity(SensitivityLevel.LOW)));
        // the second upsert must be waiting on the first transaction's uncommitted row (on Citus the wait is on a
        // node's copy of the reference table, which citus_lock_waits shows cluster-wide)
        String waits = dsl.fetchExists(org.jooq.impl.DSL.selectOne().from("pg_extension").where("extname = 'citus'"))
                ? "SELECT 1 FROM citus_lock_waits" : "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (dsl.fetch(waits).isEmpty()) {
            assertThat(System.nanoTime()).as("second upsert blocks on the first").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(second).isNotDone();
        release.countDown();
        Resource r1 = first.get(30, TimeUnit.SECONDS);
        Resource r2 = second.get(30, TimeUnit.SECONDS);
        assertThat(r1.name()).isEqualTo("first");
        assertThat(r2.name()).isEqualTo("second");
        assertThat(r2.createdAt()).isEqualTo(r1.createdAt());
        Resource stored = db.resources().findById(id).orElseThrow();
        assertThat(stored).isEqualTo(r2);
        assertThat(stored.sensitivityLevel()).isEqualTo(SensitivityLevel.LOW);
    }

    @Test
    void manyConcurrentUpsertsNeverFail(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        String id = uid("storm");
        List<CompletableFuture<Resource>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = i;
            all.add(CompletableFuture.supplyAsync(() -> db.resources().upsert(NewResource.mcp("v" + n, "e").id(id))));
        }
        all.forEach(CompletableFuture::join);
        assertThat(db.resources().findById(id)).isPresent();
    }

    @Test
    void spendByResourceSumsTheWindowPerCurrency(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        Resource cheap = db.resources().create(NewResource.mcp("cheap", "e"));
        Resource dear = db.resources().create(NewResource.mcp("dear", "e"));
        String principal = uid("p");
        dsl.execute("INSERT INTO principal_budgets (principal_id) VALUES (?)", principal);
        Instant from = Instant.parse("2030-05-01T00:00:00Z");
        Object[][] rows = {
                {cheap.id(), "2030-05-01T01:00:00Z", "0.5", null, "USD"},
                {cheap.id(), "2030-05-01T02:00:00Z", null, "0.25", "USD"},  // estimate only counts (COALESCE)
                {dear.id(), "2030-05-01T03:00:00Z", "7.00000001", null, "USD"},
                {dear.id(), "2030-05-01T03:00:00Z", "1", null, "EUR"},
                {dear.id(), "2030-04-30T23:59:59Z", "100", null, "USD"},     // before the window
                {dear.id(), "2030-05-02T00:00:00Z", "100", null, "USD"},     // window end is exclusive
        };
        for (Object[] r : rows) {
            dsl.execute("INSERT INTO cost_tracking (\"timestamp\", principal_id, resource_id, capability_id, actual_cost, estimated_cost, currency) "
                    + "VALUES (?::timestamptz, ?, ?, 'cap', ?::numeric, ?::numeric, ?)", r[1], principal, r[0], r[2], r[3], r[4]);
        }
        List<ResourceSpend> spend = db.resources().spendByResource(from, from.plusSeconds(86400), 10);
        assertThat(spend).containsExactly(
                new ResourceSpend(dear.id(), "dear", Protocol.MCP, "USD", 1, new BigDecimal("7.00000001")),
                new ResourceSpend(dear.id(), "dear", Protocol.MCP, "EUR", 1, new BigDecimal("1.00000000")),
                new ResourceSpend(cheap.id(), "cheap", Protocol.MCP, "USD", 2, new BigDecimal("0.75000000")));
        assertThatThrownBy(() -> db.resources().spendByResource(from, from, 10))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void spendByResourceSkipsDeletedResourcesEvenWhenTheyAreTheCostliest(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        String principal = uid("p");
        dsl.execute("INSERT INTO principal_budgets (principal_id) VALUES (?)", principal);
        Instant at = Instant.parse("2031-07-01T12:00:00Z");
        List<Resource> live = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Resource r = db.resources().create(NewResource.mcp("spend-" + i, "e"));
            // resources 0..8 cost most and are deleted below: more than four times the limit of 2
            db.costs().record(NewCost.of(principal, r.id(), "cap").at(at).actual(new BigDecimal(100 - i)));
            if (i < 9) {
                assertThat(db.resources().delete(r.id())).isTrue();
            } else {
                live.add(r);
            }
        }
        List<ResourceSpend> top = db.resources().spendByResource(at, at.plusSeconds(1), 2);
        assertThat(top).extracting(ResourceSpend::resourceId).containsExactly(live.get(0).id(), live.get(1).id());
        assertThat(top).extracting(ResourceSpend::totalCost).containsExactly(new BigDecimal("91.00000000"), new BigDecimal("90.00000000"));
        assertThat(db.resources().spendByResource(at, at.plusSeconds(1), 5)).hasSize(3);
    }

    @Test
    void invalidInputIsRefusedBeforeAnySql(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        assertField(() -> NewResource.mcp("x".repeat(256), "e"), "name");
        assertField(() -> NewResource.mcp("n", "e".repeat(1001)), "endpoint");
        assertField(() -> NewResource.mcp("n", "e").id("i".repeat(256)), "id");
        assertField(() -> NewResource.mcp("n", "e").metadata(json("[1,2]")), "metadata");
        assertField(() -> NewResource.mcp("n", "e").metadata(json("\"s\"")), "metadata");
        assertField(() -> NewResource.of(Protocol.of("Bad Protocol"), "n", "e"), "protocol");
        assertField(() -> Protocol.of("x".repeat(51)), "protocol");
        assertField(() -> SensitivityLevel.parse("extreme"), "sensitivityLevel");
        assertField(() -> NewResource.mcp("n", "e").sensitivity(null), "sensitivityLevel");
        assertField(() -> db.resources().findById(null), "id");
        assertField(() -> db.resources().create(null), "resource");
        assertField(() -> ResourceUpdate.none().metadata(json("1")), "metadata");
        assertField(() -> db.resources().searchByMetadata(json("{}"), ResourceDao.MAX_LIMIT + 1), "limit");
    }

    static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
