package io.sark.dao.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;

/**
 * Hands out pooled connections, leaving behind those whose server session has ended. When a backend is terminated
 * ({@code pg_terminate_backend}, a server shutdown or restart) PostgreSQL sends a FATAL message and closes the
 * socket; the pool does not notice until the connection is used (HikariCP only tests connections idle for more than
 * half a second), so every dead pooled connection would fail one call. Here each checked-out connection is asked,
 * without a round trip, whether such a message is waiting ({@link PGConnection#getNotifications()} reads only what
 * is already buffered); if so the connection is evicted (HikariCP: {@code evictConnection}, else closed and left to
 * the pool's own validation) and the next one is taken, at most {@value #MAX_ATTEMPTS} times. A session that died
 * without a goodbye (a crashed server, a cut network) is not detected here; its call fails with a
 * {@link io.sark.dao.RetryableException} and the pool evicts the connection. Internal.
 */
public final class LiveConnections implements ConnectionProvider {

    /** Connections tried per acquisition before giving up and returning the last one as it is. */
    static final int MAX_ATTEMPTS = 32;

    private final DataSource dataSource;

    public LiveConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection acquire() {
        try {
            for (int attempt = 1; ; attempt++) {
                Connection c = dataSource.getConnection();
                if (attempt == MAX_ATTEMPTS || isAlive(c)) {
                    return c;
                }
                evict(c);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Error getting connection from data source " + dataSource, e);
        }
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("Error closing connection " + connection, e);
        }
    }

    /** False if the server has already ended the session (a pending FATAL message or a closed socket). */
    private static boolean isAlive(Connection c) {
        try {
            if (!c.isWrapperFor(PGConnection.class)) {
                return true;
            }
            c.unwrap(PGConnection.class).getNotifications();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void evict(Connection c) {
        try {
            if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
                hikari.evictConnection(c);
            } else {
                ((Connection) c.unwrap(PGConnection.class)).close(); // the pool's validation drops a closed connection
                c.close();
            }
        } catch (SQLException ignored) {
            // already unusable; the pool drops it when it finds out
        }
    }
}
