package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Databases are dropped when their scope ends, also when tests, @BeforeEach or @AfterAll fail. */
class CleanupAfterFailureTest {

    static final Queue<String> FAILING_CLASS = new ConcurrentLinkedQueue<>();
    static final Queue<String> FAILING_BEFORE_EACH = new ConcurrentLinkedQueue<>();
    static final Queue<String> FAILING_AFTER_ALL = new ConcurrentLinkedQueue<>();

    @Test
    void failingTestsStillDropTheirClassDatabase() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingClass.class)).execute()
                .testEvents().assertStatistics(s -> s.started(2).failed(2));
        List<String> names = List.copyOf(FAILING_CLASS);
        assertThat(names).hasSize(2).containsOnly(names.get(0));
        assertThat(Databases.exists(names.get(0))).isFalse();
    }

    @Test
    void failingBeforeEachStillDropsTheMethodDatabase() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingBeforeEach.class)).execute()
                .testEvents().assertStatistics(s -> s.started(2).failed(2));
        assertThat(FAILING_BEFORE_EACH).hasSize(2).doesNotHaveDuplicates();
        assertThat(Databases.existing(FAILING_BEFORE_EACH)).isEmpty();
    }

    @Test
    void failingAfterAllStillDropsTheClassDatabase() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingAfterAll.class)).execute()
                .containerEvents().assertStatistics(s -> s.failed(1));
        assertThat(FAILING_AFTER_ALL).hasSize(1);
        assertThat(Databases.existing(FAILING_AFTER_ALL)).isEmpty();
    }

    @SarkDatabaseTest
    static class FailingClass {
        @Test
        void fails(TestDatabase db) {
            FAILING_CLASS.add(db.name());
            assertThat(Databases.exists(db.name())).isTrue();
            throw new AssertionError("deliberate failure");
        }

        @Test
        void throwsUnexpectedly(TestDatabase db) {
            FAILING_CLASS.add(db.name());
            throw new IllegalStateException("deliberate error");
        }
    }

    @SarkDatabaseTest(isolation = Isolation.PER_METHOD)
    static class FailingBeforeEach {
        @BeforeEach
        void before(TestDatabase db) {
            FAILING_BEFORE_EACH.add(db.name());
            throw new IllegalStateException("deliberate setup failure");
        }

        @Test
        void a() {
        }

        @Test
        void b() {
        }
    }

    @SarkDatabaseTest
    static class FailingAfterAll {
        @AfterAll
        static void after(TestDatabase db) {
            FAILING_AFTER_ALL.add(db.name());
            throw new IllegalStateException("deliberate teardown failure");
        }

        @Test
        void passes() {
        }
    }
}
