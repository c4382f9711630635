package io.sark.dao.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.CostLedgerDao;
import io.sark.dao.Dbs;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.Cost;
import io.sark.dao.model.CostBatchResult;
import io.sark.dao.model.CostQuery;
import io.sark.dao.model.CostSummary;
import io.sark.dao.model.DailyCostSummary;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.Page;
import io.sark.schema.InvalidInputException;
import io.sark.schema.json.SarkJson;
import io.sark.testkit.SarkDatabaseTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class CostLedgerDaoTest {

    private static final Instant T0 = Instant.parse("2025-03-10T12:00:00Z");

    private static SarkDatabase db(DataSource ds) {
        return Dbs.using(ds).withClock(MutableClock.at("2025-03-10T12:00:00Z"));
    }

    private static long count(DSLContext dsl, String table, String principal) {
        return num(dsl, "select count(*) from " + table + " where principal_id = ?", principal).longValueExact();
    }

    static BigDecimal num(DSLContext dsl, String sql, Object... binds) {
        Object v = dsl.fetchValue(sql, binds);
        return v == null ? null : new BigDecimal(v.toString());
    }

    @Test
    void recordKeepsMetadataAndExactSubCentAmountsAndCreatesAnUnlimitedBudget(DataSource ds, DSLContext dsl) {
        SarkDatabase db = db(ds);
        ObjectNode meta = SarkJson.object().put("provider", "openai").put("model", "gpt-4o-mini");
        meta.putObject("breakdown").put("input_tokens", 12).put("price", new BigDecimal("0.00000015"));
        Cost c = db.costs().record(NewCost.of("p-meta", "res-1", "cap-1").actual("0.00003").estimated("0.00004")
                .currency("EUR").metadata(meta));

        assertThat(c.actualCost()).get().satisfies(a -> assertThat(a).isEqualByComparingTo("0.00003"));
        assertThat(c.amount()).isEqualByComparingTo("0.00003");
        assertThat(c.metadata()).isEqualTo(meta);
        assertThat(c.currency()).isEqualTo("EUR");
        assertThat(c.timestamp()).isEqualTo(T0);
        assertThat(dsl.fetchValue("select metadata->'breakdown'->>'price' from cost_tracking where id = ?", c.id()))
                .isEqualTo("0.00000015");
        // FK target created as the reference did: unlimited, in the cost's currency
        assertThat(db.budgets().status("p-meta")).get().satisfies(s -> {
            assertThat(s.dailyLimit()).isEmpty();
            assertThat(s.monthlyLimit()).isEmpty();
            assertThat(s.currency()).isEqualTo("EUR");
        });
    }

    @Test
    void recordReturnsTheRowAsStoredWithAndWithoutAKey(DataSource ds) {
        SarkDatabase db = db(ds);
        ObjectNode meta = SarkJson.object().put("ratio", 1.50).put("tokens", 12).put("zero", new BigDecimal("0.000"));
        meta.putArray("tags").add("a").add(1e2);
        Instant at = Instant.parse("2025-03-10T11:59:58.123456789Z");
        Cost plain = db.costs().record(NewCost.of("p-stored", "r", "c").estimated("7").metadata(meta).at(at));
        Cost keyed = db.costs().record(NewCost.of("p-stored", "r", "c").actual("0.1").idempotencyKey("k-1").at(at));
        Cost withDefaults = db.costs().record(NewCost.of("p-stored", "r", "c").actual("2.50000000"));

        assertThat(db.costs().find(CostQuery.all().principal("p-stored")).items())
                .containsExactlyInAnyOrder(plain, keyed, withDefaults);
        assertThat(plain.timestamp()).isEqualTo(Instant.parse("2025-03-10T11:59:58.123456Z"));
        assertThat(plain.estimatedCost()).contains(new BigDecimal("7.00000000"));
        assertThat(plain.actualCost()).isEmpty();
        assertThat(plain.idempotencyKey()).isEmpty();
        assertThat(keyed.idempotencyKey()).contains("k-1");
        assertThat(withDefaults.timestamp()).isEqualTo(T0);
        assertThat(withDefaults.currency()).isEqualTo("USD");
    }

    @Test
    void aPrincipalWhoseBudgetRowWasRemovedSinceStillRecordsAndGetsTheRowBack(DataSource ds, DSLContext dsl) {
        SarkDatabase db = db(ds);
        db.costs().record(NewCost.of("p-gone", "r", "c").actual("1").currency("EUR"));
        db.costs().record(NewCost.of("p-gone", "r", "c").actual("2").currency("EUR")); // the handle knows the row now
        dsl.execute("delete from cost_tracking where principal_id = 'p-gone'");
        dsl.execute("delete from principal_budgets where principal_id = 'p-gone'");

        Cost c = db.costs().record(NewCost.of("p-gone", "r", "c").actual("3").currency("EUR"));

        assertThat(db.costs().find(CostQuery.all().principal("p-gone")).items()).containsExactly(c);
        assertThat(db.budgets().status("p-gone")).get().satisfies(s -> assertThat(s.currency()).isEqualTo("EUR"));
        // inside a transaction the budget step is always part of the insert
        dsl.execute("delete from cost_tracking where principal_id = 'p-gone'");
        dsl.execute("delete from principal_budgets where principal_id = 'p-gone'");
        Cost inTx = db.inTransaction(tx -> tx.costs().record(NewCost.of("p-gone", "r", "c").actual("4")));
        assertThat(db.costs().find(CostQuery.all().principal("p-gone")).items()).containsExactly(inTx);
    }

    @Test
    void tinyAmountsAreStoredAndSummedExactly(DataSource ds) {
        SarkDatabase db = db(ds);
        for (int i = 0; i < 7; i++) {
            db.costs().record(NewCost.of("p-precision", "r", "c").actual("0.00003"));
        }
        CostSummary s = db.costs().summary(CostQuery.all().principal("p-precision"));
        assertThat(s.count()).isEqualTo(7);
        assertThat(s.total("USD")).isEqualByComparingTo("0.00021");
        assertThat(db.costs().find(CostQuery.all().principal("p-precision")).items())
                .allSatisfy(c -> assertThat(c.amount()).isEqualByComparingTo("0.00003"));
    }

    @Test
    void sameIdempotencyKeyTwiceGivesOneRowAndTheOriginal(DataSource ds, DSLContext dsl) {
        SarkDatabase db = db(ds);
        Cost first = db.costs().record(NewCost.of("p-idem", "r", "c").actual("1.5").idempotencyKey("req-1"));
        Cost again = db.costs().record(NewCost.of("p-idem", "r", "c").actual("9.99").idempotencyKey("req-1")
                .at(T0.plus(5, ChronoUnit.MINUTES)));
        assertThat(again).isEqualTo(first);
        assertThat(count(dsl, "cost_tracking", "p-idem")).isEqualTo(1);
        // the key is per principal
        db.costs().record(NewCost.of("p-idem-2", "r", "c").actual("1").idempotencyKey("req-1"));
        assertThat(count(dsl, "cost_tracking", "p-idem-2")).isEqualTo(1);
    }

    @Test
    void concurrentRetriesOfOneKeyStoreOneRow(DataSource ds, DSLContext dsl) throws Exception {
        SarkDatabase db = db(ds);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Cost>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int n = i;
                results.add(pool.submit(() -> db.costs().record(NewCost.of("p-race", "r", "c")
                        .actual(BigDecimal.valueOf(n + 1)).idempotencyKey("same"))));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Cost> f : results) {
                ids.add(f.get().id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(dsl, "cost_tracking", "p-race")).isEqualTo(1);
        assertThat(count(dsl, "cost_idempotency", "p-race")).isEqualTo(1);
    }

    @Test
    void bulkBelowAndAboveTheCopyThresholdWithAndWithoutKeys(DataSource ds, DSLContext dsl) {
        SarkDatabase db = db(ds);
        List<NewCost> small = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            small.add(NewCost.of("bulk-small-" + (i % 3), "r", "c").estimated("0.1"));
        }
        CostBatchResult r1 = db.costs().recordAll(small);
        assertThat(r1).isEqualTo(new CostBatchResult(10, 0, false));

        List<NewCost> big = new ArrayList<>();
        int n = CostLedgerDao.COPY_THRESHOLD + 500;
        for (int i = 0; i < n; i++) {
            big.add(NewCost.of("bulk-big-" + (i % 7), "r\t1", "c\\x\n").actual("0.00000001")
                    .metadata(SarkJson.object().put("i", i).put("text", "tab\there \"quoted\" back\\slash\nnewline é")));
        }
        CostBatchResult r2 = db.costs().recordAll(big);
        assertThat(r2).isEqualTo(new CostBatchResult(n, 0, true));
        assertThat(num(dsl, "select sum(actual_cost) from cost_tracking where principal_id like 'bulk-big-%'"))
                .isEqualByComparingTo(new BigDecimal("0.00000001").multiply(BigDecimal.valueOf(n)));
        Cost any = db.costs().find(CostQuery.all().principal("bulk-big-3").limit(1)).items().get(0);
        assertThat(any.resourceId()).isEqualTo("r\t1");
        assertThat(any.capabilityId()).isEqualTo("c\\x\n");
        assertThat(any.metadata().get("text").asText()).isEqualTo("tab\there \"quoted\" back\\slash\nnewline é");
        assertThat(count(dsl, "principal_budgets", "bulk-big-6")).isEqualTo(1);

        // keyed: one already recorded, one duplicated inside the batch
        db.costs().record(NewCost.of("bulk-key", "r", "c").actual("5").idempotencyKey("k-0"));
        List<NewCost> keyed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keyed.add(NewCost.of("bulk-key", "r", "c").actual(BigDecimal.valueOf(i)).idempotencyKey("k-" + i));
        }
        keyed.add(NewCost.of("bulk-key", "r", "c").actual("100").idempotencyKey("k-3"));
        keyed.add(NewCost.of("bulk-key", "r", "c").actual("7"));
        CostBatchResult r3 = db.costs().recordAll(keyed);
        assertThat(r3.inserted()).isEqualTo(20); // 19 new keys + 1 without key
        assertThat(r3.duplicates()).isEqualTo(2);
        assertThat(count(dsl, "cost_tracking", "bulk-key")).isEqualTo(21);
        // first occurrence wins; the replay of k-0 still returns the original 5
        assertThat(db.costs().record(NewCost.of("bulk-key", "r", "c").actual("1").idempotencyKey("k-3")).amount())
                .isEqualByComparingTo("3");
        assertThat(db.costs().record(NewCost.of("bulk-key", "r", "c").actual("1").idempotencyKey("k-0")).amount())
                .isEqualByComparingTo("5");
        assertThat(num(dsl, "select count(*) from cost_idempotency where principal_id = 'bulk-key' and cost_id is null"))
                .isEqualByComparingTo("0");
        // the same keyed batch again inserts nothing
        assertThat(db.costs().recordAll(keyed).inserted()).isEqualTo(1);
    }

    @Test
    void anInvalidRowRejectsTheWholeBatch(DataSource ds, DSLContext dsl) {
        SarkDatabase db = db(ds);
        List<NewCost> batch = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            batch.add(NewCost.of("bulk-bad", "r", "c").actual("1"));
        }
        batch.set(1500, NewCost.of("bulk-bad", "r", "c")); // valid record, but no amount to record
        assertThatThrownBy(() -> db.costs().recordAll(batch))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("costs[1500].estimatedCost"));
        assertThat(count(dsl, "cost_tracking", "bulk-bad")).isZero();
        assertThat(count(dsl, "principal_budgets", "bulk-bad")).isZero();

        // metadata is a mutable Jackson node: changed after construction, it is checked again as it is written
        ObjectNode mutated = SarkJson.object();
        List<NewCost> rows = new ArrayList<>(batch.subList(0, 10));
        rows.set(7, NewCost.of("bulk-bad", "r", "c").actual("1").metadata(mutated));
        mutated.put("k", "a\u0000b");
        assertThatThrownBy(() -> db.costs().recordAll(rows))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("costs[7].metadata"));
        List<NewCost> nullRow = new ArrayList<>(batch.subList(0, 10));
        nullRow.set(2, null);
        assertThatThrownBy(() -> db.costs().recordAll(nullRow))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("costs[2]"));
        assertThat(count(dsl, "cost_tracking", "bulk-bad")).isZero();
    }

    @Test
    void aNewCostIsValidOnConstructionNamingTheComponent() {
        Map<String, ThrowingCallable> bad = new LinkedHashMap<>();
        bad.put("principalId", () -> NewCost.of(" ", "r", "c"));
        bad.put("resourceId", () -> NewCost.of("p", "x".repeat(256), "c"));
        bad.put("capabilityId", () -> NewCost.of("p", "r", "c\0"));
        bad.put("estimatedCost", () -> NewCost.of("p", "r", "c").estimated("0.000000001"));
        bad.put("actualCost", () -> NewCost.of("p", "r", "c").actual("-1"));
        bad.put("currency", () -> NewCost.of("p", "r", "c").currency("usd"));
        bad.put("idempotencyKey", () -> NewCost.of("p", "r", "c").idempotencyKey(""));
        bad.put("metadata", () -> NewCost.of("p", "r", "c").metadata(SarkJson.mapper().createArrayNode()));
        bad.put("timestamp", () -> NewCost.of("p", "r", "c").at(Instant.MAX));
        bad.forEach((field, construction) -> assertThatThrownBy(construction).as(field)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field)));
        // amounts are kept exactly, trailing zeros aside
        assertThat(NewCost.of("p", "r", "c").actual("1.500000000").actualCost()).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing(DataSource ds, DSLContext dsl) {
        SarkDatabase db = db(ds);
        NewCost ok = NewCost.of("p-bad", "r", "c").actual("1");
        assertField(db, () -> ok.actual("-0.01"), "actualCost");
        assertField(db, () -> ok.estimated("-1"), "estimatedCost");
        assertField(db, () -> NewCost.of("p-bad", "r", "c"), "cost.estimatedCost"); // no amount: refused when recorded
        assertField(db, () -> ok.actual("0.000000001"), "actualCost");          // would round
        assertField(db, () -> ok.actual("10000000000"), "actualCost");          // beyond NUMERIC(18,8)
        assertField(db, () -> ok.currency("usd"), "currency");
        assertField(db, () -> ok.currency("ZZZ"), "currency");
        assertField(db, () -> ok.currency(null), "currency");
        assertField(db, () -> NewCost.of(null, "r", "c").actual("1"), "principalId");
        assertField(db, () -> NewCost.of("  ", "r", "c").actual("1"), "principalId");
        assertField(db, () -> NewCost.of("p-bad", "", "c").actual("1"), "resourceId");
        assertField(db, () -> NewCost.of("p-bad", "r", null).actual("1"), "capabilityId");
        assertField(db, () -> NewCost.of("x".repeat(256), "r", "c").actual("1"), "principalId");
        assertField(db, () -> ok.idempotencyKey(" "), "idempotencyKey");
        assertField(db, () -> ok.metadata(SarkJson.mapper().createArrayNode()), "metadata");
        assertThat(count(dsl, "cost_tracking", "p-bad")).isZero();
        assertThat(count(dsl, "principal_budgets", "p-bad")).isZero();
        // largest and smallest exact values are accepted; zero too (a free call); amounts come back at scale 8
        assertThat(db.costs().record(ok.actual("9999999999.99999999")).amount()).isEqualTo("9999999999.99999999");
        assertThat(db.costs().record(ok.actual("0.00000001")).amount()).isEqualTo("0.00000001");
        assertThat(db.costs().record(ok.actual("0")).amount()).isEqualTo(new BigDecimal("0.00000000"));
        assertThat(db.costs().record(ok.actual("1.500000000")).amount()).isEqualTo("1.50000000"); // trailing zeros only
    }

    private static void assertField(SarkDatabase db, Supplier<NewCost> cost, String field) {
        assertThatThrownBy(() -> db.costs().record(cost.get()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThatThrownBy(() -> db.budgets().recordAndCharge(cost.get()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void keysetPaginationVisitsEveryRowOnceInTimestampIdOrder(DataSource ds) {
        SarkDatabase db = db(ds);
        List<NewCost> batch = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            // many equal timestamps: the id breaks ties
            batch.add(NewCost.of("p-page", i % 2 == 0 ? "r-even" : "r-odd", "cap-" + (i % 5)).actual("1")
                    .at(T0.minus(i / 10, ChronoUnit.HOURS)));
        }
        db.costs().recordAll(batch);
        CostQuery q = CostQuery.all().principal("p-page").limit(10);
        List<Cost> seen = new ArrayList<>();
        Page<Cost> page = db.costs().find(q);
        int pages = 1;
        seen.addAll(page.items());
        while (page.hasNext()) {
            page = db.costs().find(q, page.nextPageToken().get());
            seen.addAll(page.items());
            pages++;
        }
        assertThat(pages).isEqualTo(10);
        // the same walk through the helper, and a stream that stops early
        assertThat(Page.stream(token -> db.costs().find(q, token)).toList()).isEqualTo(seen);
        assertThat(Page.stream(token -> db.costs().find(q, token)).limit(12).toList()).isEqualTo(seen.subList(0, 12));
        assertThat(seen).hasSize(95).doesNotHaveDuplicates();
        for (int i = 1; i < seen.size(); i++) {
            Cost a = seen.get(i - 1);
            Cost b = seen.get(i);
            assertThat(a.timestamp().isBefore(b.timestamp()) || a.timestamp().equals(b.timestamp()) && a.id() < b.id()).isTrue();
        }
        // filters and the half-open window
        assertThat(db.costs().find(CostQuery.all().principal("p-page").resource("r-even").limit(1000)).items()).hasSize(48);
        assertThat(db.costs().find(CostQuery.all().principal("p-page").capability("cap-0").limit(1000)).items()).hasSize(19);
        assertThat(db.costs().find(CostQuery.all().principal("p-page").from(T0.minus(1, ChronoUnit.HOURS)).to(T0).limit(1000)).items())
                .hasSize(10);
        assertThatThrownBy(() -> q.limit(0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> q.from(T0).to(T0.minusSeconds(1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> db.costs().find(q, "not-a-token"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pageToken"));
    }

    @Test
    void summaryAndTheConcurrentlyRefreshedViewCountTheSameAmounts(DataSource ds, DSLContext dsl) throws Exception {
        SarkDatabase db = db(ds);
        dsl.execute("insert into resources (id, name, protocol, endpoint) values ('res-http', 'h', 'http', 'https://x')");
        dsl.execute("insert into capabilities (id, resource_id, name) values ('cap-http', 'res-http', 'get')");
        Instant day1 = OffsetDateTime.parse("2025-02-01T23:30:00+00:00").toInstant();
        Instant day2 = OffsetDateTime.parse("2025-02-01T20:30:00-05:00").toInstant(); // 2025-02-02 01:30 UTC
        db.costs().recordAll(List.of(
                NewCost.of("p-sum", "res-http", "cap-http").estimated("1.10").at(day1),
                NewCost.of("p-sum", "res-http", "cap-http").estimated("9").actual("0.25").at(day1),   // actual wins
                NewCost.of("p-sum", "res-gone", "cap-gone").actual("0.00003").at(day2),                // unknown protocol
                NewCost.of("p-sum", "res-http", "cap-http").actual("2").currency("EUR").at(day2)));

        // across principals too: Citus runs the summary's statement without a principal filter (no GROUPING SETS)
        CostSummary byResource = db.costs().summary(CostQuery.all().resource("res-http"));
        assertThat(byResource.count()).isEqualTo(3);
        assertThat(byResource.total("USD")).isEqualByComparingTo("1.35");
        assertThat(byResource.byDay().get(LocalDate.parse("2025-02-02"))).singleElement()
                .satisfies(t -> assertThat(t.currency()).isEqualTo("EUR"));

        CostSummary s = db.costs().summary(CostQuery.all().principal("p-sum"));
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.total("USD")).isEqualByComparingTo("1.35003");
        assertThat(s.total("EUR")).isEqualByComparingTo("2");
        assertThat(s.byProtocol().keySet()).containsExactly("http", "unknown");
        assertThat(s.byDay().keySet()).containsExactly(LocalDate.parse("2025-02-01"), LocalDate.parse("2025-02-02"));
        assertThat(s.byDay().get(LocalDate.parse("2025-02-01"))).singleElement()
                .satisfies(t -> assertThat(t.total()).isEqualByComparingTo("1.35"));

        // readers keep working while the view refreshes concurrently
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> reader = () -> {
                int reads = 0;
                for (int i = 0; i < 20; i++) {
                    db.costs().dailySummary(Optional.of("p-sum"), LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"));
                    reads++;
                }
                return reads;
            };
            Future<Integer> reads = pool.submit(reader);
            for (int i = 0; i < 5; i++) {
                db.costs().refreshDailySummary();
            }
            assertThat(reads.get()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        List<DailyCostSummary> rows = db.costs().dailySummary(Optional.of("p-sum"), LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"));
        BigDecimal mvUsd = rows.stream().filter(r -> r.currency().equals("USD")).map(DailyCostSummary::totalCost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(mvUsd).isEqualByComparingTo(s.total("USD"));
        assertThat(rows.stream().mapToLong(DailyCostSummary::invocationCount).sum()).isEqualTo(s.count());
        for (var day : s.byDay().entrySet()) {
            for (var t : day.getValue()) {
                BigDecimal mv = rows.stream().filter(r -> r.date().equals(day.getKey()) && r.currency().equals(t.currency()))
                        .map(DailyCostSummary::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(mv).as("day %s %s", day.getKey(), t.currency()).isEqualByComparingTo(t.total());
            }
        }
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.protocol()).isEqualTo("unknown");
            assertThat(r.totalCost()).isEqualByComparingTo("0.00003");
        });
        // one scale for every amount: 8 decimals, averages rounded to it, zero too
        assertThat(rows).allSatisfy(r -> assertThat(List.of(r.totalCost(), r.avgCost(), r.minCost(), r.maxCost()))
                .extracting(BigDecimal::scale).containsOnly(8));
        assertThat(s.totals()).extracting(t -> t.total().scale()).containsOnly(8);
        assertThat(s.total("JPY")).isEqualTo(new BigDecimal("0.00000000"));
        // the day range is half-open like every range, and a reversed one is refused
        assertThat(db.costs().dailySummary(Optional.of("p-sum"), LocalDate.parse("2025-02-01"), LocalDate.parse("2025-02-02")))
                .extracting(DailyCostSummary::date).containsOnly(LocalDate.parse("2025-02-01"));
        assertThatThrownBy(() -> db.costs().dailySummary(Optional.empty(), LocalDate.parse("2025-02-02"), LocalDate.parse("2025-02-01")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"));
    }
}
