package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Several SARK schemas of one database migrated at once (a multi-tenant database, or the testkit's schema
 * isolation on Citus). On Citus, distributed DDL locks tables co-located across schemas, and two V8 migrations
 * deadlocked each other in CI; the SDK's migrations of one database now run one at a time there.
 */
class ConcurrentSchemasTest {

    private static final int SCHEMAS = 8;
    private static final int ROUNDS = 3;

    @Test
    void schemasOfOneDatabaseMigratedAtOnceAllReachTheLatestVersion() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            DataSource ds = db.dataSource();
            ExecutorService pool = Executors.newFixedThreadPool(2 * SCHEMAS);
            List<String> previous = List.of();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    previous = migrateAtOnce(ds, pool, db.schema() + "_r" + round + "_", previous);
                }
            } finally {
                pool.shutdownNow();
                dropSchemas(ds, previous);
            }
        }
    }

    /**
     * Migrates {@value #SCHEMAS} new schemas at once while the previous round's are dropped and written to, as
     * the testkit's test classes do on Citus (on distributed tables co-located with the new ones); returns the new.
     */
    private static List<String> migrateAtOnce(DataSource ds, ExecutorService pool, String prefix, List<String> previous)
            throws Exception {
        List<String> schemas = new ArrayList<>();
        for (int i = 0; i < SCHEMAS; i++) {
            schemas.add(prefix + i);
        }
        List<CompletableFuture<SchemaMigrationResult>> runs = schemas.stream()
                .map(s -> CompletableFuture.supplyAsync(
                        () -> SarkSchema.configure().dataSource(ds).schema(s).load().migrate(), pool))
                .toList();
        List<CompletableFuture<Void>> others = previous.stream().map(s -> CompletableFuture.runAsync(() -> {
            try {
                Sql.exec(ds, "INSERT INTO \"" + s + "\".audit_events (id, \"timestamp\", event_type)"
                        + " VALUES (gen_random_uuid(), now(), 'user_login')");
                dropSchemas(ds, List.of(s));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, pool)).toList();
        for (CompletableFuture<SchemaMigrationResult> run : runs) {
            SchemaMigrationResult r = run.get(5, TimeUnit.MINUTES);
            assertThat(r.currentVersion()).isEqualTo(SarkSchema.LATEST_VERSION);
            assertThat(r.applied()).as("applied once each, also when an attempt was a deadlock victim")
                    .extracting(AppliedMigration::version).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        }
        for (CompletableFuture<Void> other : others) {
            other.get(5, TimeUnit.MINUTES);
        }
        return schemas;
    }

    @Test
    void onCitusAMigrationWaitsForTheDatabaseWideLockAndElsewhereItDoesNot() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            DataSource ds = db.dataSource();
            String schema = db.schema() + "_w";
            try (Connection holder = ds.getConnection()) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + DistributedDdlLock.KEY + ")");
                }
                CompletableFuture<SchemaMigrationResult> run = CompletableFuture.supplyAsync(
                        () -> SarkSchema.configure().dataSource(ds).schema(schema).target("1").load().migrate());
                if (Platform.expected() == Platform.CITUS) {
                    awaitAdvisoryWaiter(ds);
                    assertThat(run).isNotDone();
                    holder.rollback();
                } else {
                    assertThat(run.get(2, TimeUnit.MINUTES).currentVersion()).isEqualTo("1");
                    holder.rollback();
                }
                assertThat(run.get(2, TimeUnit.MINUTES).currentVersion()).isEqualTo("1");
            } finally {
                dropSchemas(ds, List.of(schema));
            }
        }
    }

    private static void awaitAdvisoryWaiter(DataSource ds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND ((classid::bigint << 32) | objid::bigint) = " + DistributedDdlLock.KEY;
        while (!Sql.value(ds, waiting).equals("1")) {
            assertThat(System.nanoTime()).as("a migration waiting for the SARK lock").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Drops the schemas; a drop chosen as a deadlock victim (on Citus) is repeated, as the testkit does. */
    private static void dropSchemas(DataSource ds, List<String> schemas) throws SQLException {
        for (String s : schemas) {
            for (int attempt = 1; ; attempt++) {
                try {
                    Sql.exec(ds, "DROP SCHEMA IF EXISTS \"" + s + "\" CASCADE");
                    break;
                } catch (SQLException e) {
                    if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                        throw e;
                    }
                }
            }
        }
    }
}
