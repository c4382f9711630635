package io.sark.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL server the testkit creates its databases on. The testkit only ever creates and drops
 * databases whose names start with its own per-JVM prefix.
 */
public interface PostgresServer {

    /** JDBC URL of {@code database} on this server, without credentials. */
    String jdbcUrl(String database);

    /** The user the testkit connects as; must be allowed to create databases. */
    String username();

    /** That user's password (may be empty). */
    String password();

    /** The database to connect to for CREATE/DROP DATABASE. */
    default String maintenanceDatabase() {
        return "postgres";
    }

    /** A short human-readable description (never contains the password). */
    String description();

    /** Opens a connection to {@code database} on this server. */
    default Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username());
        props.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(database), props);
    }
}
