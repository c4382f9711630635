package io.sark.testkit;

import io.sark.schema.SarkSchema;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Creates freshly migrated SARK databases in milliseconds: the schema is migrated once per JVM and schema
 * name into a template database, and every test database is a {@code CREATE DATABASE ... TEMPLATE} clone of
 * it. Usable without JUnit; {@link SarkDatabaseTest} builds on it.
 *
 * <p>All databases it creates are named {@code sark_<jvm token>_...}; on an external server shared by several
 * JVMs each JVM only creates and drops its own. Thread-safe.
 */
public final class SarkTestDatabases {

    private static volatile SarkTestDatabases shared;

    private final PostgresServer server;
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, String> templates = new ConcurrentHashMap<>();
    private final List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Uses {@code server}; databases left over when the JVM exits are dropped by a shutdown hook. */
    public SarkTestDatabases(PostgresServer server) {
        this.server = server;
        this.prefix = "sark_" + token();
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "sark-testkit-cleanup"));
    }

    /** The per-JVM instance on the configured server ({@link TestkitSettings}), started on first use. */
    public static SarkTestDatabases shared() {
        SarkTestDatabases s = shared;
        if (s == null) {
            synchronized (SarkTestDatabases.class) {
                s = shared;
                if (s == null) {
                    PostgresServer server = TestkitSettings.startConfiguredServer();
                    s = new SarkTestDatabases(server);
                    if (server instanceof EmbeddedPostgresServer embedded) {
                        // runs after the cleanup hook's drops have become pointless: the whole server goes
                        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "sark-testkit-stop"));
                    }
                    shared = s;
                }
            }
        }
        return s;
    }

    /** The server databases are created on. */
    public PostgresServer server() {
        return server;
    }

    /** The name prefix of every database this instance creates. */
    public String prefix() {
        return prefix;
    }

    /** A new database with the SARK schema migrated into {@link SarkSchema#DEFAULT_SCHEMA}. */
    public TestDatabase create() {
        return create(SarkSchema.DEFAULT_SCHEMA);
    }

    /** A new database with the SARK schema migrated into {@code schema}. The caller closes it (drops it). */
    public TestDatabase create(String schema) {
        String template = templates.computeIfAbsent(schema, this::createTemplate);
        String name = prefix + "_" + counter.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        created.add(name);
        return new TestDatabase(this, name, schema);
    }

    /** A new empty database (no SARK schema), e.g. to build a v1 database in. The caller closes it. */
    public TestDatabase createEmpty() {
        String name = prefix + "_" + counter.incrementAndGet();
        execute("CREATE DATABASE " + name);
        created.add(name);
        return new TestDatabase(this, name, SarkSchema.DEFAULT_SCHEMA);
    }

    void drop(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        created.remove(name);
    }

    private String createTemplate(String schema) {
        String name = prefix + "_tpl_" + schema;
        execute("CREATE DATABASE " + name);
        created.add(name);
        SarkSchema.configure().dataSource(simpleDataSource(name)).schema(schema).load().migrate();
        // no connection may ever be open on a template while it is cloned
        execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        return name;
    }

    /** An unpooled DataSource for {@code database}: each getConnection() opens a new connection. */
    DataSource simpleDataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.jdbcUrl(database));
        ds.setUser(server.username());
        ds.setPassword(server.password());
        return ds;
    }

    private void execute(String sql) {
        try (Connection c = server.connect(server.maintenanceDatabase()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("testkit statement failed on " + server.description() + ": " + sql
                    + ": " + e.getMessage(), e);
        }
    }

    private void dropAll() {
        List<String> names;
        synchronized (created) {
            names = new ArrayList<>(created);
        }
        for (String name : names) {
            try {
                drop(name);
            } catch (RuntimeException ignored) {
                // the server may already be gone at JVM exit
            }
        }
    }

    private static String token() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
