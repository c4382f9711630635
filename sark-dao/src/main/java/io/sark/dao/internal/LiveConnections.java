package io.sark.dao.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * the pool's own validation) and the next one is taken, at most {@value #MAX_ATTEMPTS} times. Only connections that
 * sat in the pool for {@value #PROBE_AFTER_IDLE_MICROS} µs or more are asked: pgjdbc answers "nothing waiting" only
 * after a 1 ms socket timeout, which a connection handed straight back under load must not pay (it cost a single
 * record 1.6 ms and charges 40% of their rate). A backend killed while its connection was idle that briefly is
 * noticed by its next call instead. A session that died
 * without a goodbye (a crashed server, a cut network) is not detected here; its call fails with a
 * {@link io.sark.dao.RetryableException} and the pool evicts the connection. Internal.
 */
public final class LiveConnections implements ConnectionProvider {

    /** Connections tried per acquisition before giving up and returning the last one as it is. */
    static final int MAX_ATTEMPTS = 32;
    /** How long a connection must have been idle in the pool before it is asked whether its session ended. */
    static final long PROBE_AFTER_IDLE_MICROS = 2_000;

    /** Physical connections remembered before the memory is cleared (a cleared entry costs one probe). */
    static final int MAX_REMEMBERED = 4_096;

    private final DataSource dataSource;
    /**
     * When each physical connection was last handed back, by identity hash: lock-free on the path of every call (a
     * synchronized weak map was a measurable cost under 16 threads), and updated in place, so a known connection
     * costs no map write. Two connections sharing a hash only change whether one is probed. Closed connections'
     * entries are dropped by clearing the map when it is full.
     */
    private final ConcurrentHashMap<Integer, AtomicLong> releasedAt = new ConcurrentHashMap<>(64);

    public LiveConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection acquire() {
        try {
            for (int attempt = 1; ; attempt++) {
                Connection c = dataSource.getConnection();
                if (attempt == MAX_ATTEMPTS || !idleLongEnough(c) || isAlive(c)) {
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
            if (connection.isWrapperFor(PGConnection.class)) {
                Integer key = System.identityHashCode(connection.unwrap(PGConnection.class));
                AtomicLong at = releasedAt.get(key);
                if (at != null) {
                    at.set(System.nanoTime()); // the common case: no map write
                } else {
                    if (releasedAt.size() >= MAX_REMEMBERED) {
                        releasedAt.clear();
                    }
                    releasedAt.put(key, new AtomicLong(System.nanoTime()));
                }
            }
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("Error closing connection " + connection, e);
        }
    }

    private boolean idleLongEnough(Connection c) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) {
            return false;
        }
        AtomicLong released = releasedAt.get(System.identityHashCode(c.unwrap(PGConnection.class)));
        return released == null || System.nanoTime() - released.get() >= PROBE_AFTER_IDLE_MICROS * 1_000;
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
