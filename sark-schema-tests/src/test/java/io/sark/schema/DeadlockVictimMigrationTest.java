package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A migration the server aborts as a deadlock victim is run again by {@link SarkSchema#migrate()} (on Citus,
 * distributed DDL can deadlock with other sessions' work on co-located tables, as it did in CI). The deadlock is
 * made on purpose: V8 locks capabilities, then waits for resources, held by another session that then asks for
 * capabilities; the migration, which waited first, is the one the server aborts.
 */
class DeadlockVictimMigrationTest {

    @Test
    void aMigrationAbortedAsADeadlockVictimIsRunAgainAndReportedOnce() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            DataSource ds = db.dataSource();
            String schema = db.schema() + "_v";
            SarkSchema.configure().dataSource(ds).schema(schema).target("7").load().migrate();
            try (Connection other = ds.getConnection()) {
                other.setAutoCommit(false);
                try (Statement st = other.createStatement()) {
                    st.execute("LOCK TABLE \"" + schema + "\".resources IN ROW EXCLUSIVE MODE");
                }
                CompletableFuture<SchemaMigrationResult> run = CompletableFuture.supplyAsync(
                        () -> SarkSchema.configure().dataSource(ds).schema(schema).load().migrate());
                awaitWaiter(ds, schema + ".resources");
                try (Statement st = other.createStatement()) {
                    st.execute("LOCK TABLE \"" + schema + "\".capabilities IN ACCESS SHARE MODE"); // closes the cycle
                }
                other.rollback();

                SchemaMigrationResult r = run.get(2, TimeUnit.MINUTES);
                assertThat(r.currentVersion()).isEqualTo(SarkSchema.LATEST_VERSION);
                assertThat(r.initialVersion()).contains("7");
                assertThat(r.applied()).extracting(AppliedMigration::version).containsExactly("8", "9");
            } finally {
                Sql.exec(ds, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }

    /** Waits until a session waits for a lock on {@code table}. */
    private static void awaitWaiter(DataSource ds, String table) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = to_regclass('" + table + "')";
        while (!Sql.value(ds, waiting).equals("1")) {
            assertThat(System.nanoTime()).as("the migration waiting for " + table).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
