package io.sark.testkit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sark.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The testkit's administrative connections to one server's maintenance database: a small pool for DDL and the
 * session that holds the owner's advisory lock (how other testkit instances tell a live owner from a dead one).
 * Also finds out what the server allows: cloning databases, or only schemas.
 */
public final class ServerAdmin implements AutoCloseable {

    /** First key of the advisory locks the testkit takes ('SARK'). */
    private static final int LOCK_CLASS = 0x5341524B;

    @FunctionalInterface
    public interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private final PostgresServer server;
    private final String prefix;
    private final Connection ownerLock;
    private final HikariDataSource pool;
    private final int serverVersionNum;
    private final boolean cannotClone;

    public ServerAdmin(PostgresServer server, String prefix) {
        this.server = server;
        this.prefix = prefix;
        try {
            Connection lock = server.connect(server.maintenanceDatabase());
            try {
                if (!advisory(lock, "pg_try_advisory_lock", prefix)) {
                    throw new IllegalStateException("prefix lock " + prefix + " is taken (hash collision)");
                }
                try (Statement st = lock.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT current_setting('server_version_num')::int,"
                                + " EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus'),"
                                + " (SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user)")) {
                    rs.next();
                    serverVersionNum = rs.getInt(1);
                    cannotClone = rs.getBoolean(2) || !rs.getBoolean(3);
                }
            } catch (SQLException | RuntimeException e) {
                lock.close();
                throw e;
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
        pool = new HikariDataSource(config);
    }

    public int serverVersionNum() {
        return serverVersionNum;
    }

    /**
     * Whether test databases must be schemas here: the maintenance database has Citus (whose metadata a clone
     * would copy without the workers' shards), or the user may not create databases.
     */
    public boolean cannotClone() {
        return cannotClone;
    }

    /** Runs {@code work} on a pooled connection to the maintenance database. */
    public void run(SqlWork work) {
        try (Connection c = pool.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("testkit statement failed on " + server.description() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            // released now, not when the server notices the closed socket: another instance's dropStale() may ask
            // for it the next moment
            advisory(ownerLock, "pg_advisory_unlock", prefix);
        } catch (SQLException ignored) {
            // closing anyway; the session's end releases it
        }
        try {
            ownerLock.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.close();
    }

    public static boolean advisory(Connection c, String function, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, prefix.hashCode());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(sql + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /**
     * {@link #execute} of one statement in autocommit mode, repeated while it is chosen as a deadlock victim (its
     * effects were rolled back): on Citus, dropping a schema of distributed tables can deadlock with another test
     * class's migration, whose distributed DDL locks tables co-located across schemas.
     */
    public static void executeRetryingDeadlocks(Connection c, String sql) throws SQLException {
        executeRetrying(c, sql, "40P01", 5, connection -> { });
    }

    /**
     * {@link #execute} of one statement in autocommit mode, up to {@code attempts} times while it fails with
     * {@code sqlState}, running {@code beforeRetry} before each new attempt.
     */
    public static void executeRetrying(Connection c, String sql, String sqlState, int attempts, SqlWork beforeRetry)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(c, sql);
                return;
            } catch (SQLException e) {
                if (!sqlState.equals(e.getSQLState()) || attempt == attempts) {
                    throw e;
                }
                beforeRetry.run(c);
            }
        }
    }
}
