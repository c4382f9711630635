package io.sark.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sark.schema.SarkSchema;
import java.lang.reflect.Constructor;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
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
 * <p>Thread-safe.
 */
public final class SarkTestDatabases implements AutoCloseable {

    private static final Map<TestkitSettings, Object> SHARED = new ConcurrentHashMap<>();
    /** First key of the advisory locks the testkit takes ('SARK'). */
    private static final int LOCK_CLASS = 0x5341524B;
    private static final Pattern OWNER_COMMENT = Pattern.compile("sark-testkit owner=(sark_[a-z0-9]{8}) lockdb=(\\S+)");

    private final PostgresServer server;
    private final String prefix;
    private final CloneStrategy cloneStrategy;
    private final List<String> extensions;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<TemplateKey, CompletableFuture<String>> templates = new ConcurrentHashMap<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;
    private final Object lifecycle = new Object();
    private HikariDataSource admin;
    private Connection ownerLock;
    private int serverVersionNum;
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

    private SarkTestDatabases(PostgresServer server, TestkitSettings settings, boolean dropOnExit) {
        this.server = Objects.requireNonNull(server, "server");
        this.prefix = "sark_" + token();
        this.cloneStrategy = settings.cloneStrategy();
        this.extensions = settings.extensions();
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
     *         run here, e.g. Testcontainers without Docker
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
        Object existing = SHARED.get(settings);
        if (existing == null) {
            synchronized (SHARED) {
                existing = SHARED.get(settings);
                if (existing == null) {
                    existing = startShared(settings);
                    SHARED.put(settings, existing);
                }
            }
        }
        if (existing instanceof RuntimeException failure) {
            throw rethrow(failure);
        }
        return (SarkTestDatabases) existing;
    }

    private static Object startShared(TestkitSettings settings) {
        PostgresServer server;
        try {
            server = ServerFactory.start(settings);
        } catch (RuntimeException e) {
            return e;
        }
        boolean ownsServer = server instanceof AutoCloseable;
        // an owned server disappears with its databases at exit: nothing to drop one by one
        SarkTestDatabases s = new SarkTestDatabases(server, settings, !ownsServer);
        if (ownsServer) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                s.release();
                try {
                    ((AutoCloseable) server).close();
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }, "sark-testkit-stop"));
        } else if (settings.dropStale()) {
            try {
                s.dropStale();
            } catch (RuntimeException e) {
                // best effort: a server that refuses the inspection still runs tests
                System.err.println("sark-testkit: stale database cleanup skipped: " + e.getMessage());
            }
        }
        return s;
    }

    private static RuntimeException rethrow(RuntimeException failure) {
        if (failure instanceof ServerUnavailableException unavailable) {
            return new ServerUnavailableException(unavailable.getMessage());
        }
        return new IllegalStateException("the sark-testkit server failed to start earlier in this JVM: "
                + failure.getMessage(), failure);
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
        String template = template(new TemplateKey(schema, seed));
        String name = nextName();
        admin(c -> {
            execute(c, "CREATE DATABASE " + name + " TEMPLATE " + template + cloneStrategy.clause(serverVersionNum));
            created.add(name);
            execute(c, ownerComment(name));
        });
        return new TestDatabase(this, name, schema);
    }

    /** A new empty database (no SARK schema), e.g. to build a v1 database in. The caller closes it. */
    public TestDatabase createEmpty() {
        String name = nextName();
        admin(c -> {
            execute(c, "CREATE DATABASE " + name);
            created.add(name);
            execute(c, ownerComment(name));
        });
        return new TestDatabase(this, name, SarkSchema.DEFAULT_SCHEMA);
    }

    /** Names of the databases (clones and templates) this instance has created and not dropped yet. */
    public List<String> databaseNames() {
        return List.copyOf(created);
    }

    /**
     * Drops the databases that dead testkit processes left on this server: those whose owner comment names
     * another prefix, the same maintenance database, and whose owner no longer holds its advisory lock (its
     * session ended). Databases without the testkit's comment are never touched, nor are databases someone is
     * connected to.
     *
     * @return the dropped database names
     */
    public List<String> dropStale() {
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        admin(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d"
                            + " WHERE d.datname LIKE 'sark\\_%' ORDER BY d.datname")) {
                while (rs.next()) {
                    String comment = rs.getString(2);
                    Matcher m = comment == null ? null : OWNER_COMMENT.matcher(comment);
                    if (m != null && m.matches() && !m.group(1).equals(prefix)
                            && m.group(2).equals(server.maintenanceDatabase())
                            && rs.getString(1).startsWith(m.group(1) + "_")) {
                        byOwner.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(rs.getString(1));
                    }
                }
            }
        });
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, List<String>> owner : byOwner.entrySet()) {
            admin(c -> {
                if (!advisory(c, "pg_try_advisory_lock", owner.getKey())) {
                    return; // the owner is alive
                }
                try {
                    for (String name : owner.getValue()) {
                        try {
                            execute(c, "DROP DATABASE IF EXISTS " + name); // no FORCE: skip what is in use
                            dropped.add(name);
                        } catch (SQLException inUse) {
                            // someone is connected: not ours to interrupt
                        }
                    }
                } finally {
                    advisory(c, "pg_advisory_unlock", owner.getKey());
                }
            });
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
            if (ownerLock != null) {
                try {
                    ownerLock.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
                ownerLock = null;
            }
            if (admin != null) {
                admin.close();
                admin = null;
            }
        }
    }

    void drop(String name) {
        if (!created.contains(name)) {
            return;
        }
        dropNow(name);
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
        String name = prefix + "_tpl_" + counter.incrementAndGet();
        admin(c -> {
            execute(c, "CREATE DATABASE " + name);
            created.add(name);
            execute(c, ownerComment(name));
        });
        try {
            DataSource ds = simpleDataSource(name, key.schema());
            if (!extensions.isEmpty()) {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    for (String extension : extensions) {
                        st.execute("CREATE EXTENSION IF NOT EXISTS " + extension + " CASCADE");
                    }
                }
            }
            SarkSchema.configure().dataSource(ds).schema(key.schema()).load().migrate();
            if (key.seed() != SarkSeed.None.class) {
                SarkSeed seed = instantiate(key.seed());
                Settings settings = new Settings();
                if (!SarkSchema.DEFAULT_SCHEMA.equals(key.schema())) {
                    settings.setRenderMapping(new RenderMapping().withSchemata(
                            new MappedSchema().withInput(SarkSchema.DEFAULT_SCHEMA).withOutput(key.schema())));
                }
                DSL.using(ds, SQLDialect.POSTGRES, settings).transaction(tx -> seed.seed(tx.dsl()));
            }
            // no connection may ever be open on a template while it is cloned
            admin(c -> execute(c, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false"));
            return name;
        } catch (RuntimeException | SQLException e) {
            try {
                dropNow(name);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot build the SARK template for " + key + " on "
                    + server.description() + ": " + e.getMessage(), e);
        }
    }

    private static SarkSeed instantiate(Class<? extends SarkSeed> seed) {
        try {
            Constructor<? extends SarkSeed> constructor = seed.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("seed " + seed.getName()
                    + " needs a no-argument constructor: " + e, e);
        }
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

    private String ownerComment(String name) {
        return "COMMENT ON DATABASE " + name + " IS 'sark-testkit owner=" + prefix + " lockdb="
                + server.maintenanceDatabase().replace("'", "''") + "'";
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a pooled connection to the maintenance database. */
    private void admin(SqlWork work) {
        HikariDataSource pool = adminPool();
        try (Connection c = pool.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("testkit statement failed on " + server.description() + ": "
                    + e.getMessage(), e);
        }
    }

    private HikariDataSource adminPool() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("this SarkTestDatabases (" + prefix + ") is closed");
            }
            if (admin == null) {
                try {
                    // the advisory lock marks this prefix as alive for other instances' dropStale()
                    Connection lock = server.connect(server.maintenanceDatabase());
                    if (!advisory(lock, "pg_try_advisory_lock", prefix)) {
                        lock.close();
                        throw new IllegalStateException("prefix lock " + prefix + " is taken (hash collision)");
                    }
                    try (Statement st = lock.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
                        rs.next();
                        serverVersionNum = rs.getInt(1);
                    }
                    ownerLock = lock;
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot connect to " + server.description() + ": " + e.getMessage(), e);
                }
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(server.jdbcUrl(server.maintenanceDatabase()));
                config.setUsername(server.username());
                config.setPassword(server.password());
                config.setMaximumPoolSize(4);
                config.setMinimumIdle(0);
                config.setAutoCommit(true);
                config.setPoolName("sark-testkit-admin-" + prefix);
                admin = new HikariDataSource(config);
            }
            return admin;
        }
    }

    private static boolean advisory(Connection c, String function, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, prefix.hashCode());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(sql + ": " + e.getMessage(), e.getSQLState(), e);
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
