package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sark.schema.jooq.Tables;
import io.sark.testkit.data.SarkData;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through the JUnit engine and checks which databases they got and that all are gone. */
class IsolationTest {

    /** Database names seen by the inner classes, by class. */
    static final Map<String, Queue<String>> SEEN = new ConcurrentHashMap<>();
    static final AtomicInteger SEED_RUNS = new AtomicInteger();

    static void saw(Class<?> testClass, TestDatabase db) {
        SEEN.computeIfAbsent(testClass.getSimpleName(), k -> new ConcurrentLinkedQueue<>()).add(db.name());
    }

    static List<String> seen(Class<?> testClass) {
        return List.copyOf(SEEN.getOrDefault(testClass.getSimpleName(), new ConcurrentLinkedQueue<>()));
    }

    private static EngineExecutionResults run(DiscoverySelector... selectors) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectors).execute();
    }

    @Test
    void perClassSharesOneDatabaseAcrossMethodsAndNestedClasses() {
        run(selectClass(PerClass.class)).testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        List<String> names = seen(PerClass.class);
        assertThat(names).hasSize(4).containsOnly(names.get(0));
        assertThat(Databases.exists(names.get(0))).as("dropped after the class").isFalse();
    }

    @Test
    void perMethodGivesEveryMethodItsOwnDatabase() {
        run(selectClass(PerMethod.class)).testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        List<String> names = seen(PerMethod.class);
        assertThat(names).hasSize(3).doesNotHaveDuplicates();
        assertThat(Databases.existing(names)).isEmpty();
    }

    @Test
    void sharedIsOneDatabaseForTheWholeRunDroppedAtTheEnd() {
        run(selectClass(SharedA.class), selectClass(SharedB.class))
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        List<String> a = seen(SharedA.class);
        List<String> b = seen(SharedB.class);
        assertThat(a).hasSize(1);
        assertThat(b).isEqualTo(a);
        assertThat(Databases.exists(a.get(0))).as("dropped when the run ended").isFalse();
    }

    @Test
    void seedRunsOnceIntoTheTemplateAndEveryCloneStartsSeeded() {
        run(selectClass(SeededA.class), selectClass(SeededB.class))
                .testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        assertThat(SEED_RUNS.get()).isEqualTo(1);
        List<String> names = List.of(seen(SeededA.class).get(0), seen(SeededB.class).get(0));
        assertThat(names).doesNotHaveDuplicates();
        assertThat(Databases.existing(names)).isEmpty();
    }

    @Test
    void perMethodInjectionIntoBeforeAllIsRefusedWithAMessage() {
        run(selectClass(PerMethodBeforeAll.class)).containerEvents()
                .assertThatEvents().anySatisfy(e -> assertThat(e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage)
                        .orElse("")).contains("PER_METHOD) databases exist per test method"));
    }

    // ---- inner test classes, run only through EngineTestKit ----------------------------------------------

    @SarkDatabaseTest
    static class PerClass {
        @Test
        void one(TestDatabase db, DSLContext dsl) {
            saw(PerClass.class, db);
            dsl.insertInto(Tables.PRINCIPAL_BUDGETS, Tables.PRINCIPAL_BUDGETS.PRINCIPAL_ID).values("one").execute();
        }

        @Test
        void two(TestDatabase db) {
            saw(PerClass.class, db);
        }

        @Nested
        class Inner {
            @Test
            void three(TestDatabase db, SarkData data) {
                saw(PerClass.class, db);
                saw(PerClass.class, db);
                data.user().insert();
            }
        }
    }

    @SarkDatabaseTest(isolation = Isolation.PER_METHOD)
    static class PerMethod {
        private String before;

        @BeforeEach
        void before(TestDatabase db) {
            before = db.name();
        }

        private void check(TestDatabase db, DSLContext dsl) {
            assertThat(db.name()).isEqualTo(before);
            saw(PerMethod.class, db);
            // a fresh clone: empty, whatever the other methods wrote
            assertThat(dsl.fetchCount(Tables.PRINCIPAL_BUDGETS)).isZero();
            dsl.insertInto(Tables.PRINCIPAL_BUDGETS, Tables.PRINCIPAL_BUDGETS.PRINCIPAL_ID).values("p").execute();
        }

        @Test
        void a(TestDatabase db, DSLContext dsl) {
            check(db, dsl);
        }

        @Test
        void b(TestDatabase db, DSLContext dsl) {
            check(db, dsl);
        }

        @Test
        void c(TestDatabase db, DSLContext dsl) {
            check(db, dsl);
        }
    }

    @SarkDatabaseTest(isolation = Isolation.SHARED, schema = "shared_iso")
    static class SharedA {
        @Test
        void a(TestDatabase db, DSLContext dsl) {
            saw(SharedA.class, db);
            dsl.insertInto(Tables.PRINCIPAL_BUDGETS, Tables.PRINCIPAL_BUDGETS.PRINCIPAL_ID).values("from-a").execute();
        }
    }

    @SarkDatabaseTest(isolation = Isolation.SHARED, schema = "shared_iso")
    static class SharedB {
        @Test
        void b(TestDatabase db) {
            saw(SharedB.class, db);
        }
    }

    /** Counts its runs; writes two resources. */
    static final class CountingSeed implements SarkSeed {
        @Override
        public void seed(DSLContext dsl) {
            SEED_RUNS.incrementAndGet();
            SarkData data = SarkData.with(dsl, 42);
            data.resource().protocol(io.sark.dao.model.Protocol.HTTP).withCapabilities(2).insert();
            data.resource().insert();
        }
    }

    @SarkDatabaseTest(schema = "seeded_iso", seed = CountingSeed.class)
    static class SeededA {
        @Test
        void startsSeeded(TestDatabase db, DSLContext dsl) {
            saw(SeededA.class, db);
            assertThat(dsl.fetchCount(Tables.RESOURCES)).isEqualTo(2);
            assertThat(dsl.fetchCount(Tables.CAPABILITIES)).isEqualTo(2);
            dsl.deleteFrom(Tables.RESOURCES).execute();
        }
    }

    @SarkDatabaseTest(schema = "seeded_iso", seed = CountingSeed.class, isolation = Isolation.PER_METHOD)
    static class SeededB {
        @Test
        void startsSeeded(TestDatabase db, DSLContext dsl) {
            saw(SeededB.class, db);
            assertThat(dsl.fetchCount(Tables.RESOURCES)).isEqualTo(2);
            dsl.deleteFrom(Tables.RESOURCES).execute();
        }

        @Test
        void alsoStartsSeeded(DSLContext dsl, SarkData data) {
            assertThat(dsl.fetchCount(Tables.RESOURCES)).isEqualTo(2);
            data.resource().insert(); // seed 1 vs the seed's 42: no unique clash
            assertThat(dsl.fetchCount(Tables.RESOURCES)).isEqualTo(3);
        }
    }

    @SarkDatabaseTest(isolation = Isolation.PER_METHOD)
    static class PerMethodBeforeAll {
        @org.junit.jupiter.api.BeforeAll
        static void before(DSLContext dsl) {
            // refused
        }

        @Test
        void never() {
        }
    }
}
