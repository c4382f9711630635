package io.sark.testkit;

import io.sark.schema.SarkSchema;
import io.sark.testkit.internal.Ownership;
import io.sark.testkit.internal.SchemaSetup;
import io.sark.testkit.internal.ServerAdmin;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Creates freshly migrated SARK databases in milliseconds: the schema is migrated (and optionally seeded, see
 * {@link SarkSeed}) once per JVM, schema and seed into a template database, and every test database is a
 * {@code CREATE DATABASE ... TEMPLATE} clone of it. Usable without JUnit; {@link SarkDatabaseTest} builds on it.
 *
 * <pre>{@code
 * try (TestDatabase db = SarkTestDatabases.shared().create()) {
 *     DSLContext dsl = db.dsl();
 *     ...
 * }   // dropped here
 * }</pre>
 *
 * <p>Ownership on a shared server: every database it creates is named {@code sark_<token>_...} (a random
 * per-instance token), carries the comment {@code sark-testkit owner=<prefix> lockdb=<db>}, and is only ever
 * dropped by this instance, except by {@link #dropStale()} of another instance once this one's process is
 * gone. While an instance has databases it holds a session-level advisory lock on its prefix, which is how
 * other instances tell a live owner from a dead one. Several JVMs (or instances) can therefore share one
 * external server.
 *
 * <p>Where a server cannot clone databases (Citus, or a user without {@code CREATE DATABASE}), or when
 * {@code sark.testkit.isolate-by=schema}, each test database is instead a freshly migrated schema with a unique
 * name in the maintenance database ({@link IsolateBy#SCHEMA}); the API is the same, and
 * {@link TestDatabase#schema()} names the schema. Schemas carry the same owner comment and are cleaned up the
 * same way.
 *
 * <p>Thread-safe.
 */
public final class SarkTestDatabases implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SarkTestDatabases.class);


    private final PostgresServer server;
    private final String prefix;
    private final CloneStrategy cloneStrategy;
    private final List<String> extensions;
    private final IsolateBy isolateBy;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<TemplateKey, CompletableFuture<String>> templates = new ConcurrentHashMap<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Set<String> createdSchemas = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;
    private final Object lifecycle = new Object();
    private ServerAdmin admin;
    private volatile boolean closing;
    private boolean closed;

    /**
     * Uses {@code server} with default settings; databases left over when the JVM exits are dropped by a
     * shutdown hook. Prefer {@link #close()} when done.
     */
    public SarkTestDatabases(PostgresServer server) {
        this(server, TestkitSettings.of(Map.of()));
    }

    /**
     * Uses {@code server} with the clone strategy and template extensions of {@code settings} (its server
     * setting is ignored); databases left over when the JVM exits are dropped by a shutdown hook.
     */
    public SarkTestDatabases(PostgresServer server, TestkitSettings settings) {
        this(server, settings, true);
    }

    SarkTestDatabases(PostgresServer server, TestkitSettings settings, boolean dropOnExit) {
        this.server = Objects.requireNonNull(server, "server");
        this.prefix = Ownership.newPrefix();
        this.cloneStrategy = settings.cloneStrategy();
        this.extensions = settings.extensions();
        this.isolateBy = settings.isolateBy();
        if (dropOnExit) {
            shutdownHook = new Thread(this::closeQuietly, "sark-testkit-cleanup-" + prefix);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            shutdownHook = null;
        }
    }

    /**
     * The per-JVM instance for the settings in system properties and environment variables
     * ({@link TestkitSettings}); its server is started on first use and stopped at JVM exit.
     *
     * @throws ServerUnavailableException (a JUnit abort: the test is skipped) if the configured provider cannot
     *         run here and the settings ask to skip, e.g. Testcontainers without Docker and
     *         {@code sark.testkit.skip-without-docker=true}
     * @throws IllegalStateException with the cause if the configured server cannot start
     */
    public static SarkTestDatabases shared() {
        return shared(TestkitSettings.fromEnvironment());
    }

    /**
     * The per-JVM instance for {@code settings}: one server (embedded server, container or external
     * connection) per distinct settings value, started on first use. A failure to start is remembered and
     * rethrown to every later caller.
     */
    public static SarkTestDatabases shared(TestkitSettings settings) {
        return SharedDatabases.get(settings);
    }

    /** The server databases are created on. */
    public PostgresServer server() {
        return server;
    }

    /** The name prefix of every database this instance creates ({@code sark_} and 8 random characters). */
    public String prefix() {
        return prefix;
    }

    /** A new database with the SARK schema migrated into {@link SarkSchema#DEFAULT_SCHEMA}. The caller closes it. */
    public TestDatabase create() {
        return create(SarkSchema.DEFAULT_SCHEMA);
    }

    /** A new database with the SARK schema migrated into {@code schema}. The caller closes it (drops it). */
    public TestDatabase create(String schema) {
        return create(schema, SarkSeed.None.class);
    }

    /**
     * A new database with the SARK schema migrated into {@code schema} and the rows written by {@code seed}
     * (run once, into the template). The caller closes it (drops it).
     *
     * @throws IllegalStateException if the template cannot be built (e.g. the seed fails); the next call retries
     */
    public TestDatabase create(String schema, Class<? extends SarkSeed> seed) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(seed, "seed");
        if (schemaIsolation()) {
            String name = newSchema();
            try {
                migrate(simpleDataSource(server.maintenanceDatabase(), name), name, seed);
            } catch (RuntimeException e) {
                dropSchemaNow(name);
                throw new IllegalStateException("cannot migrate the SARK schema " + name + " on "
                        + server.description() + ": " + e.getMessage(), e);
            }
            return new TestDatabase(this, server.maintenanceDatabase(), name, true);
        }
        String template = template(new TemplateKey(schema, seed));
        String name = nextName();
        admin(c -> {
            String clone = "CREATE DATABASE " + name + " TEMPLATE " + template
                    + cloneStrategy.clause(adminConnections().serverVersionNum());
            // "in use by other users": e.g. a TimescaleDB scheduler that reconnected to the template
            ServerAdmin.executeRetrying(c, clone, "55006", 3, connection -> disconnectAll(connection, template));
            created.add(name);
            execute(c, ownerComment("DATABASE", name));
        });
        return new TestDatabase(this, name, schema, false);
    }

    /**
     * A new empty database (no SARK schema), e.g. to build a v1 database in; under {@link IsolateBy#SCHEMA} a new
     * empty schema in the maintenance database. The caller closes it.
     */
    public TestDatabase createEmpty() {
        if (schemaIsolation()) {
            return new TestDatabase(this, server.maintenanceDatabase(), newSchema(), true);
        }
        String name = nextName();
        admin(c -> {
            execute(c, "CREATE DATABASE " + name);
            created.add(name);
            execute(c, ownerComment("DATABASE", name));
        });
        return new TestDatabase(this, name, SarkSchema.DEFAULT_SCHEMA, false);
    }

    /** Whether test databases are schemas on this server (see {@link IsolateBy}). */
    public boolean schemaIsolation() {
        return switch (isolateBy) {
            case SCHEMA -> true;
            case DATABASE -> false;
            case AUTO -> adminConnections().cannotClone();
        };
    }

    private String newSchema() {
        String name = nextName();
        admin(c -> {
            execute(c, "CREATE SCHEMA " + name);
            createdSchemas.add(name);
            execute(c, ownerComment("SCHEMA", name));
        });
        return name;
    }

    /**
     * Names of the databases (clones and templates) this instance has created and not dropped yet; under
     * {@link IsolateBy#SCHEMA}, of its schemas.
     */
    public List<String> databaseNames() {
        List<String> names = new ArrayList<>(created);
        names.addAll(createdSchemas);
        return List.copyOf(names);
    }

    /**
     * Drops the databases (and, in the maintenance database, the schemas) that dead testkit processes left on
     * this server: those whose owner comment names another prefix, the same maintenance database, and whose owner
     * no longer holds its advisory lock (its session ended). Objects without the testkit's comment are never
     * touched, nor are databases someone is connected to.
     *
     * @return the dropped database and schema names
     */
    public List<String> dropStale() {
        List<String> dropped = new ArrayList<>();
        Map<String, List<String[]>> byOwner = new LinkedHashMap<>();
        admin(c -> byOwner.putAll(Ownership.staleCandidates(c, prefix, server.maintenanceDatabase())));
        for (Map.Entry<String, List<String[]>> owner : byOwner.entrySet()) {
            admin(c -> dropped.addAll(Ownership.dropIfOwnerIsGone(c, owner.getKey(), owner.getValue())));
        }
        return dropped;
    }

    /**
     * Drops every database this instance created (clones first, then templates), releases its lock and
     * connections. Idempotent; later {@code create} calls fail.
     */
    @Override
    public void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                // called from the hook itself
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        synchronized (lifecycle) {
            if (closing || closed) {
                return;
            }
            closing = true;
        }
        for (String schema : new ArrayList<>(createdSchemas)) {
            try {
                dropSchemaNow(schema);
            } catch (RuntimeException ignored) {
                // the server may already be gone at JVM exit
            }
        }
        List<String> names = new ArrayList<>(created);
        names.sort((a, b) -> Boolean.compare(a.contains("_tpl_"), b.contains("_tpl_")));
        for (String name : names) {
            try {
                dropNow(name);
            } catch (RuntimeException ignored) {
                // the server may already be gone at JVM exit
            }
        }
        release();
    }

    /** Closes connections without dropping anything (the server is about to stop). */
    void release() {
        synchronized (lifecycle) {
            closing = true;
            closed = true;
            if (admin != null) {
                admin.close();
                admin = null;
            }
        }
    }

    void drop(TestDatabase database) {
        if (database.isSchema()) {
            if (createdSchemas.contains(database.schema())) {
                dropSchemaNow(database.schema());
            }
        } else if (created.contains(database.name())) {
            dropNow(database.name());
        }
    }

    private void dropSchemaNow(String schema) {
        admin(c -> ServerAdmin.executeRetryingDeadlocks(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        createdSchemas.remove(schema);
    }

    private void dropNow(String name) {
        admin(c -> execute(c, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        created.remove(name);
    }

    private String template(TemplateKey key) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> existing = templates.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(createTemplate(key));
            } catch (RuntimeException | Error e) {
                templates.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("template " + key + " could not be built: " + cause.getMessage(), cause);
        }
    }

    private String createTemplate(TemplateKey key) {
        ensureOpen();
        long t0 = System.nanoTime();
        String name = prefix + "_tpl_" + counter.incrementAndGet();
        admin(c -> {
            execute(c, "CREATE DATABASE " + name);
            created.add(name);
            execute(c, ownerComment("DATABASE", name));
        });
        try {
            migrate(simpleDataSource(name, key.schema()), key.schema(), key.seed());
            // no connection may ever be open on a template while it is cloned, including background workers
            // that connect by themselves (TimescaleDB's scheduler); they cannot come back once connections are off
            admin(c -> {
                execute(c, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
                disconnectAll(c, name);
            });
            LOG.info("built template database {} for {} on {} in {} ms", name, key, server.description(), (System.nanoTime() - t0) / 1_000_000);
            return name;
        } catch (RuntimeException e) {
            try {
                dropNow(name);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot build the SARK template for " + key + " on "
                    + server.description() + ": " + e.getMessage(), e);
        }
    }

    private void migrate(DataSource ds, String schema, Class<? extends SarkSeed> seed) {
        SchemaSetup.migrate(ds, schema, seed, extensions);
    }

    private static void disconnectAll(Connection c, String database) throws SQLException {
        execute(c, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
    }

    /** An unpooled DataSource for {@code database}: each getConnection() opens a new connection. */
    DataSource simpleDataSource(String database) {
        return simpleDataSource(database, null);
    }

    private DataSource simpleDataSource(String database, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.jdbcUrl(database));
        ds.setUser(server.username());
        ds.setPassword(server.password());
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    private void ensureOpen() {
        if (closing) {
            throw new IllegalStateException("this SarkTestDatabases (" + prefix + ") is closed");
        }
    }

    private String nextName() {
        ensureOpen();
        return prefix + "_" + counter.incrementAndGet();
    }

    private String ownerComment(String kind, String name) {
        return Ownership.comment(kind, name, prefix, server.maintenanceDatabase());
    }

    /** Runs {@code work} on a pooled connection to the maintenance database. */
    private void admin(ServerAdmin.SqlWork work) {
        adminConnections().run(work);
    }

    private ServerAdmin adminConnections() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("this SarkTestDatabases (" + prefix + ") is closed");
            }
            if (admin == null) {
                admin = new ServerAdmin(server, prefix);
            }
            return admin;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        ServerAdmin.execute(c, sql);
    }

    @Override
    public String toString() {
        return "SarkTestDatabases[" + prefix + " on " + server.description() + "]";
    }

    /** What a template is built from. */
    private record TemplateKey(String schema, Class<? extends SarkSeed> seed) {
        @Override
        public String toString() {
            return "schema " + schema + (seed == SarkSeed.None.class ? "" : " with seed " + seed.getName());
        }
    }
}
