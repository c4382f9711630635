package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.EmbeddedPostgresServer;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

    @Test
    void migratesFromEmptyOnTheConfiguredServerAndAgainIsANoOp() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            assertMigratesFromEmpty(db.dataSource(), Platform.expected().major());
        }
    }

    @Test
    void migratesFromEmptyOnPostgres15() throws Exception {
        Path jar = Path.of(System.getProperty("sark.test.pg15.jar", "target/pg-binaries/pg15-binaries.jar"));
        try (EmbeddedPostgresServer pg15 = EmbeddedPostgresServer.startFromBinariesJar(jar)) {
            SarkTestDatabases databases = new SarkTestDatabases(pg15);
            try (TestDatabase db = databases.createEmpty()) {
                assertMigratesFromEmpty(db.dataSource(), 15);
            }
        }
    }

    private static void assertMigratesFromEmpty(DataSource ds, int expectedMajor) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            assertThat(rs.getInt(1) / 10000).isEqualTo(expectedMajor);
        }
        SchemaMigrationResult first = SarkSchema.migrate(ds);
        assertThat(first.initialVersion()).isEmpty();
        assertThat(first.currentVersion()).isEqualTo(SarkSchema.LATEST_VERSION);
        assertThat(first.applied()).extracting(AppliedMigration::version)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");

        List<String> catalog = SchemaCatalogTest.describe(ds, "sark");
        SchemaMigrationResult second = SarkSchema.migrate(ds);
        assertThat(second.applied()).isEmpty();
        assertThat(second.initialVersion()).contains(SarkSchema.LATEST_VERSION);
        assertThat(SchemaCatalogTest.describe(ds, "sark")).isEqualTo(catalog);
        SchemaCatalogTest.assertMatchesHead(ds, catalog);

        SchemaInfo info = SarkSchema.configure().dataSource(ds).load().info();
        assertThat(info.pending()).isZero();
        assertThat(info.currentVersion()).contains(SarkSchema.LATEST_VERSION);
        assertThat(info.migrations()).allMatch(MigrationStatus::applied);
        assertThat(SarkSchema.configure().dataSource(ds).load().validate().valid()).isTrue();
    }

    @Test
    void infoShowsPendingMigrationsBeforeMigrating() {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            SarkSchema schema = SarkSchema.configure().dataSource(db.dataSource()).target("5").load();
            schema.migrate();
            SarkSchema latest = SarkSchema.configure().dataSource(db.dataSource()).load();
            SchemaInfo info = latest.info();
            assertThat(info.currentVersion()).contains("5");
            assertThat(info.pending()).isEqualTo(4);
            assertThat(latest.validate().valid()).isFalse();
            assertThat(latest.migrate().applied()).extracting(AppliedMigration::version).containsExactly("6", "7", "8", "9");
        }
    }

    @Test
    void aChangedAppliedMigrationIsDetectedAndRefused() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().create()) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE sark.sark_schema_history SET checksum = checksum + 1 WHERE version = '3'");
            }
            SarkSchema schema = SarkSchema.configure().dataSource(db.dataSource()).load();
            SchemaValidation validation = schema.validate();
            assertThat(validation.valid()).isFalse();
            assertThat(validation.problems()).anySatisfy(p -> assertThat(p).contains("3").containsIgnoringCase("checksum"));
            assertThatThrownBy(schema::migrate).isInstanceOf(SchemaMigrationException.class)
                    .hasMessageContaining("checksum");
        }
    }

    @Test
    void concurrentMigrationsEndWithOneSchemaAndNoError() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            int instances = 6;
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SchemaMigrationResult>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return SarkSchema.migrate(db.dataSource());
                }));
            }
            start.countDown();
            int appliedTotal = 0;
            for (Future<SchemaMigrationResult> r : results) {
                SchemaMigrationResult result = r.get();
                assertThat(result.currentVersion()).isEqualTo(SarkSchema.LATEST_VERSION);
                appliedTotal += result.applied().size();
            }
            pool.shutdown();
            assertThat(appliedTotal).as("each migration applied exactly once across all instances").isEqualTo(9);
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(
                         "SELECT count(*), count(DISTINCT version), bool_and(success) FROM sark.sark_schema_history WHERE version IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(9);
                assertThat(rs.getInt(2)).isEqualTo(9);
                assertThat(rs.getBoolean(3)).isTrue();
            }
            SchemaCatalogTest.assertMatchesHead(db.dataSource(), SchemaCatalogTest.describe(db.dataSource(), "sark"));
        }
    }

    @Test
    void anExistingDatabaseCanBeBaselinedAtTheV1Version() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            // a v1 database made by someone else, without Flyway history
            SarkSchema.configure().dataSource(db.dataSource()).target("5").load().migrate();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE sark.sark_schema_history");
            }
            SarkSchema schema = SarkSchema.configure().dataSource(db.dataSource()).load();
            schema.baseline(SarkSchema.V1_VERSION, "SARK v1 adopted");
            assertThat(schema.currentVersion()).contains("5");
            assertThat(schema.migrate().applied()).extracting(AppliedMigration::version).containsExactly("6", "7", "8", "9");
            assertThatThrownBy(() -> schema.baseline("5", "again")).isInstanceOf(SchemaMigrationException.class);
        }
    }

    @Test
    void configurationIsValidatedNamingTheSetting() {
        assertThatThrownBy(() -> SarkSchema.configure().load()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataSource");
        DataSource any = new org.postgresql.ds.PGSimpleDataSource();
        assertThatThrownBy(() -> SarkSchema.configure().dataSource(any).schema("Bad-Name").load())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("schema"));
        assertThatThrownBy(() -> SarkSchema.configure().dataSource(any).schema("x; DROP TABLE y").load())
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> SarkSchema.configure().dataSource(any).target("latest!").load())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("target"));
    }
}
