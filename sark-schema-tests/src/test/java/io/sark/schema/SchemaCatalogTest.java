package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Pins the whole schema: the catalog PostgreSQL reports after V1-V9 (and after V1-V5, the v1 shape) must equal
 * the listings in src/test/resources/catalog. With TimescaleDB in the database the head schema is
 * v9-timescaledb.txt, which differs from v9.txt only in how the ledger's key to principal_budgets is kept (V9).
 * After a deliberate schema change, regenerate them with {@code mvn verify -pl sark-schema-tests
 * -Dsark.catalog.update=true} (and once with {@code -Dsark.test.platform=timescaledb} on a TimescaleDB server) and
 * review the diff.
 */
@SarkDatabaseTest
class SchemaCatalogTest {

    @Test
    void headSchemaEqualsTheSpecification(DataSource dataSource) throws Exception {
        assertMatchesHead(dataSource, describe(dataSource, "sark"));
    }

    @Test
    void version5IsTheV1Shape() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            SarkSchema.configure().dataSource(db.dataSource()).target(SarkSchema.V1_VERSION).load().migrate();
            assertMatches("catalog/v5.txt", describe(db.dataSource(), "sark"));
        }
    }

    @Test
    void anotherSchemaNameGivesTheSameObjects(DataSource dataSource) throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().create("tenant_a")) {
            assertThat(describe(db.dataSource(), "tenant_a")).isEqualTo(describe(dataSource, "sark"));
        }
    }

    static List<String> describe(DataSource dataSource, String schema) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return SchemaCatalog.describe(c, schema);
        }
    }

    /** {@link #assertMatches} against the head listing for the database behind {@code dataSource}. */
    static void assertMatchesHead(DataSource dataSource, List<String> actual) throws Exception {
        boolean timescale = "t".equals(Sql.value(dataSource,
                "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')"));
        assertMatches(timescale ? "catalog/v9-timescaledb.txt" : "catalog/v9.txt", actual);
    }

    static void assertMatches(String resource, List<String> actual) throws IOException {
        Path file = Path.of("src/test/resources", resource);
        if (Boolean.getBoolean("sark.catalog.update")) {
            Files.createDirectories(file.getParent());
            Files.write(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("expected catalog listing %s (regenerate with -Dsark.catalog.update=true)", file).exists();
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(actual).as("catalog vs %s", resource).containsExactlyElementsOf(expected);
    }
}
