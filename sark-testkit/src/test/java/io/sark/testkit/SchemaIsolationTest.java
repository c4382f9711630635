package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.schema.jooq.Tables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schema isolation ({@code sark.testkit.isolate-by=schema}), the mode Citus and servers without
 * {@code CREATE DATABASE} get automatically, forced here on this JVM's server.
 */
class SchemaIsolationTest {

    private static TestkitSettings schemaSettings() {
        return TestkitSettings.of(Map.of(TestkitSettings.ISOLATE_BY, "schema"));
    }

    @Test
    void eachTestDatabaseIsAFreshlyMigratedSchemaOfItsOwnDroppedOnClose() throws SQLException {
        PostgresServer server = Databases.server();
        String prefix;
        try (SarkTestDatabases databases = new SarkTestDatabases(server, schemaSettings())) {
            prefix = databases.prefix();
            assertThat(databases.schemaIsolation()).isTrue();
            TestDatabase a = databases.create();
            TestDatabase b = databases.create("ignored_hint", SarkSeed.None.class);
            assertThat(List.of(a, b)).allSatisfy(db -> {
                assertThat(db.isSchema()).isTrue();
                assertThat(db.name()).isEqualTo(server.maintenanceDatabase());
                assertThat(db.schema()).startsWith(databases.prefix() + "_");
                assertThat(db.username()).isEqualTo(server.username());
                assertThat(db.password()).isEqualTo(server.password());
            });
            assertThat(a.schema()).isNotEqualTo(b.schema());
            assertThat(a.dsl().fetchCount(Tables.RESOURCES)).isZero();
            a.dsl().execute("CREATE TABLE marker (x int)"); // in a's schema: its connections have it as current schema
            assertThat(a.dsl().fetchValue("SELECT to_regclass(?)", a.schema() + ".marker")).isNotNull();
            assertThat(b.dsl().fetchValue("SELECT to_regclass(?)", b.schema() + ".marker")).isNull();
            assertThat(currentSchema(a)).isEqualTo(a.schema());
            assertThat(schemas(databases.prefix())).containsExactlyInAnyOrder(a.schema(), b.schema());
            a.close();
            assertThat(schemas(databases.prefix())).containsExactly(b.schema());
        }
        assertThat(schemas(prefix)).as("closing the instance drops what is left").isEmpty();
    }

    @Test
    void staleSchemasOfDeadInstancesAreDroppedLiveOnesAreNot() {
        PostgresServer server = Databases.server();
        SarkTestDatabases alive = new SarkTestDatabases(server, schemaSettings());
        SarkTestDatabases dead = new SarkTestDatabases(server, schemaSettings());
        SarkTestDatabases cleaner = new SarkTestDatabases(server, schemaSettings());
        try {
            TestDatabase aliveDb = alive.createEmpty();
            TestDatabase deadDb = dead.createEmpty();
            assertThat(schemas(dead.prefix())).containsExactly(deadDb.schema());
            dead.release(); // the process "dies": its advisory lock ends, nothing is dropped by it
            // another test class's cleaner may get there first (classes run in parallel): either way it is gone
            assertThat(cleaner.dropStale()).doesNotContain(aliveDb.schema());
            assertThat(schemas(dead.prefix())).isEmpty();
            assertThat(schemas(alive.prefix())).containsExactly(aliveDb.schema());
        } finally {
            alive.close();
            cleaner.close();
        }
        assertThat(schemas(alive.prefix())).isEmpty();
    }

    private static String currentSchema(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> schemas(String prefix) {
        return Databases.schemasWithPrefix(prefix);
    }
}
