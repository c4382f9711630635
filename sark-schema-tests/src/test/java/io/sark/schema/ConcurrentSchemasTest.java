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
            ExecutorService pool = Executors.newFixedThreadPool(SCHEMAS);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    migrateAtOnce(ds, pool, db.schema() + "_r" + round + "_");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void migrateAtOnce(DataSource ds, ExecutorService pool, String prefix) throws Exception {
        List<String> schemas = new ArrayList<>();
        for (int i = 0; i < SCHEMAS; i++) {
            schemas.add(prefix + i);
        }
        try {
            List<CompletableFuture<SchemaMigrationResult>> runs = schemas.stream()
                    .map(s -> CompletableFuture.supplyAsync(
                            () -> SarkSchema.configure().dataSource(ds).schema(s).load().migrate(), pool))
                    .toList();
            for (CompletableFuture<SchemaMigrationResult> run : runs) {
                assertThat(run.get(5, TimeUnit.MINUTES).currentVersion()).isEqualTo(SarkSchema.LATEST_VERSION);
            }
        } finally {
            dropSchemas(ds, schemas);
        }
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

    private static void dropSchemas(DataSource ds, List<String> schemas) throws SQLException {
        for (String s : schemas) {
            Sql.exec(ds, "DROP SCHEMA IF EXISTS \"" + s + "\" CASCADE");
        }
    }
}
