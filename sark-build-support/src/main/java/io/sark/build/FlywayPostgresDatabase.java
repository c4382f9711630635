package io.sark.build;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.meta.postgres.PostgresDatabase;

/**
 * jOOQ meta {@code Database} used only at build time: starts an embedded PostgreSQL, applies the SARK
 * Flyway migrations to it and lets jOOQ's {@link PostgresDatabase} read the resulting catalog. The
 * generated classes therefore always describe what the migrations really create on PostgreSQL.
 *
 * <p>Properties (set under {@code <database><properties>} of the jooq-codegen plugin):
 * <ul>
 *   <li>{@code locations}: Flyway locations, comma separated; relative {@code filesystem:} paths are
 *       resolved against {@code basedir};</li>
 *   <li>{@code basedir}: the module's base directory;</li>
 *   <li>{@code schema}: the PostgreSQL schema to migrate into (default {@code sark});</li>
 *   <li>{@code historyTable}: Flyway's history table (default {@code sark_schema_history}).</li>
 * </ul>
 */
public class FlywayPostgresDatabase extends PostgresDatabase {

    private EmbeddedPostgres postgres;
    private Connection connection;

    @Override
    protected DSLContext create0() {
        if (connection == null) {
            String schema = getProperties().getProperty("schema", "sark");
            String history = getProperties().getProperty("historyTable", "sark_schema_history");
            String basedir = getProperties().getProperty("basedir", new File(".").getAbsolutePath());
            String[] locations = getProperties().getProperty("locations", "").split(",");
            for (int i = 0; i < locations.length; i++) {
                String location = locations[i].trim();
                if (location.startsWith("filesystem:") && !new File(location.substring(11)).isAbsolute()) {
                    location = "filesystem:" + new File(basedir, location.substring(11)).getAbsolutePath();
                }
                locations[i] = location;
            }
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Flyway.configure()
                        .loggers("slf4j")
                        .dataSource(postgres.getPostgresDatabase())
                        .locations(locations)
                        .schemas(schema)
                        .defaultSchema(schema)
                        .table(history)
                        .placeholderReplacement(false)
                        .load()
                        .migrate();
                connection = postgres.getPostgresDatabase().getConnection();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL for code generation", e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to embedded PostgreSQL for code generation", e);
            }
            setConnection(connection);
        }
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot stop embedded PostgreSQL after code generation", e);
        } finally {
            connection = null;
            postgres = null;
            super.close();
        }
    }
}
