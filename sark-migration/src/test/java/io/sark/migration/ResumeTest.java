package io.sark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interrupted runs (inside a batch, between batches, kill -9 of another JVM) end with exactly the rows of an uninterrupted run. */
class ResumeTest {

    static final int SERVERS = 60;
    static final int TOOLS = 3;
    static final int BATCH = 9;
    static Fixture reference;
    static String expected;

    static Fixture dataset() {
        return Fixture.create(V1Shape.MIGRATION, SERVERS, TOOLS, EnumSet.of(V1EdgeCase.COLLIDING_METADATA_KEYS, V1EdgeCase.NULL_COMMAND_AND_ENDPOINT));
    }

    @BeforeAll
    static void uninterrupted() {
        reference = dataset();
        reference.migration().batchSize(BATCH).build().execute();
        expected = reference.v2State();
    }

    @AfterAll
    static void close() {
        reference.close();
    }

    @Test
    void failureInsideABatchRollsItBackAndResumeCompletesExactly() {
        try (Fixture f = dataset()) {
            V1ToV2Migration failing = f.migration().batchSize(BATCH).batchHook((run, phase, batch) -> {
                if (batch == 9) { // in the capabilities phase (servers take 7 batches)
                    throw new IllegalStateException("injected failure inside batch " + batch);
                }
            }).build();
            assertThatThrownBy(failing::execute).isInstanceOf(MigrationException.class).hasMessageContaining("injected failure");
            // batches 1..8 committed, 9 rolled back
            assertThat(f.count("SELECT count(*) FROM sark.resources")).isEqualTo(SERVERS);
            assertThat(f.count("SELECT count(*) FROM sark.capabilities")).isEqualTo(BATCH);
            StatusResult.Run run = f.migration().build().status().runs().get(0);
            assertThat(run.state()).isEqualTo(RunStatus.FAILED);
            assertThat(run.batchesDone()).isEqualTo(8);
            assertThat(run.error()).contains("injected failure");

            ExecuteResult resumed = f.migration().batchSize(BATCH).build().execute();
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.runId()).isEqualTo(run.id());
            assertThat(resumed.capabilitiesCreated()).isEqualTo(SERVERS * TOOLS);
            assertThat(f.v2State()).isEqualTo(expected);
            StatusResult.Run done = f.migration().build().status().runs().get(0);
            assertThat(done.state()).isEqualTo(RunStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }

    @Test
    void failureBetweenBatchesResumesExactly() {
        try (Fixture f = dataset()) {
            V1ToV2Migration failing = f.migration().batchSize(BATCH).progress(p -> {
                if (p.batchNo() == 3) {
                    throw new IllegalStateException("stopped after batch 3");
                }
            }).build();
            assertThatThrownBy(failing::execute).hasMessageContaining("stopped after batch 3");
            assertThat(f.count("SELECT count(*) FROM sark.resources")).isEqualTo(3 * BATCH);
            ExecuteResult resumed = f.migration().batchSize(BATCH).build().execute();
            assertThat(resumed.resumed()).isTrue();
            assertThat(f.v2State()).isEqualTo(expected);
        }
    }

    @Test
    void killMinus9OfAnotherJvmAtAnyPointResumesExactly() throws Exception {
        try (Fixture f = dataset()) {
            Path log = Files.createTempFile("forked-execute", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ForkedExecute.class.getName(),
                    f.db.jdbcUrl(), f.db.server().username(), f.db.server().password(), Integer.toString(BATCH))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && batches(f) < 5) {
                    assertThat(p.isAlive()).as("forked JVM died: " + Files.readString(log)).isTrue();
                    Thread.sleep(20);
                }
                assertThat(batches(f)).as(Files.readString(log)).isGreaterThanOrEqualTo(5);
            } finally {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            long committed = batches(f);
            assertThat(committed).isLessThan(SERVERS * (TOOLS + 1) / BATCH + 2);
            ExecuteResult resumed = f.migration().batchSize(BATCH).build().execute();
            assertThat(resumed.resumed()).isTrue();
            assertThat(f.v2State()).isEqualTo(expected);
            assertThat(f.indexes()).as("the indexes the killed run dropped are back").isEqualTo(reference.indexes());
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
            new File(log.toString()).delete();
        }
    }

    private static long batches(Fixture f) {
        if (f.one("SELECT to_regclass('sark.sark_migration_batches')") == null) {
            return 0;
        }
        return f.count("SELECT count(*) FROM sark.sark_migration_batches");
    }

    @Test
    void concurrentExecuteIsRefused() throws Exception {
        try (Fixture f = dataset()) {
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread t = new Thread(() -> f.migration().batchSize(BATCH).batchHook((r, ph, b) -> {
                inside.countDown();
                release.await(30, TimeUnit.SECONDS);
            }).build().execute());
            t.start();
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                assertThatThrownBy(() -> f.migration().build().execute()).isInstanceOf(MigrationBusyException.class);
                assertThatThrownBy(() -> f.migration().build().rollback(RollbackOptions.defaults())).isInstanceOf(MigrationBusyException.class);
            } finally {
                release.countDown();
                t.join(60_000);
            }
            assertThat(f.v2State()).isEqualTo(expected);
            assertThat(List.of(f.migration().build().status().runs().get(0).state())).containsExactly(RunStatus.COMPLETED);
        }
    }
}
