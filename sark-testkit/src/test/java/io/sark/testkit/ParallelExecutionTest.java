package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sark.schema.jooq.Tables;
import io.sark.testkit.data.SarkData;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs classes and methods concurrently through the JUnit engine (parallel execution on) and checks that each
 * scope gets its own database, that concurrent methods of one class share theirs, that a shared database is
 * created once, and that everything is dropped.
 */
class ParallelExecutionTest {

    static final Map<String, Queue<String>> SEEN = new ConcurrentHashMap<>();
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();
    /** Released when 4 test methods are in flight at once: proves they really ran in parallel. */
    static final CountDownLatch CONCURRENT = new CountDownLatch(4);

    static void saw(String key, TestDatabase db) {
        SEEN.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(db.name());
        THREADS.add(Thread.currentThread().getName());
    }

    @Test
    void concurrentClassesAndMethodsGetTheRightDatabases() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
                .selectors(selectClass(ClassA.class), selectClass(ClassB.class), selectClass(MethodsC.class),
                        selectClass(SharedD.class), selectClass(SharedE.class))
                .execute()
                .testEvents().assertStatistics(s -> s.started(20).succeeded(20));

        assertThat(SEEN.get("A")).hasSize(4);
        assertThat(Set.copyOf(SEEN.get("A"))).hasSize(1);
        assertThat(Set.copyOf(SEEN.get("B"))).hasSize(1).doesNotContainAnyElementsOf(SEEN.get("A"));
        assertThat(SEEN.get("C")).hasSize(4).doesNotHaveDuplicates();
        assertThat(Set.copyOf(SEEN.get("shared"))).hasSize(1);
        assertThat(SEEN.get("shared")).hasSize(8);
        assertThat(THREADS.size()).as("ran on several threads").isGreaterThan(1);

        Set<String> all = new java.util.HashSet<>();
        SEEN.values().forEach(all::addAll);
        assertThat(Databases.existing(all)).isEmpty();
    }

    private static void concurrentBarrier() throws InterruptedException {
        CONCURRENT.countDown();
        assertThat(CONCURRENT.await(60, TimeUnit.SECONDS)).as("4 methods in flight at once").isTrue();
    }

    static class PerClassBody {
        void body(String key, TestDatabase db, DSLContext dsl, SarkData data) throws InterruptedException {
            saw(key, db);
            concurrentBarrier();
            // concurrent writers in one per-class database: distinct generated keys, no clash
            data.resource().withCapabilities(2).insert();
            assertThat(dsl.fetchCount(Tables.RESOURCES)).isBetween(1, 4);
        }
    }

    @SarkDatabaseTest
    @Execution(ExecutionMode.CONCURRENT)
    static class ClassA extends PerClassBody {
        @RepeatedTest(4)
        void writes(TestDatabase db, DSLContext dsl, SarkData data) throws InterruptedException {
            body("A", db, dsl, data);
        }
    }

    @SarkDatabaseTest
    @Execution(ExecutionMode.CONCURRENT)
    static class ClassB extends PerClassBody {
        @RepeatedTest(4)
        void writes(TestDatabase db, DSLContext dsl, SarkData data) throws InterruptedException {
            body("B", db, dsl, data);
        }
    }

    @SarkDatabaseTest(isolation = Isolation.PER_METHOD)
    @Execution(ExecutionMode.CONCURRENT)
    static class MethodsC {
        @RepeatedTest(4)
        void ownDatabase(TestDatabase db, DSLContext dsl, SarkData data) {
            saw("C", db);
            assertThat(dsl.fetchCount(Tables.USERS)).isZero();
            data.user().insert();
            assertThat(dsl.fetchCount(Tables.USERS)).isEqualTo(1);
        }
    }

    @SarkDatabaseTest(isolation = Isolation.SHARED, schema = "parallel_shared")
    @Execution(ExecutionMode.CONCURRENT)
    static class SharedD {
        @RepeatedTest(4)
        void shared(TestDatabase db, SarkData data) {
            saw("shared", db);
            data.user().insert();
        }
    }

    @SarkDatabaseTest(isolation = Isolation.SHARED, schema = "parallel_shared")
    @Execution(ExecutionMode.CONCURRENT)
    static class SharedE {
        @RepeatedTest(4)
        void shared(TestDatabase db, SarkData data) {
            saw("shared", db);
            data.user().insert();
        }
    }
}
