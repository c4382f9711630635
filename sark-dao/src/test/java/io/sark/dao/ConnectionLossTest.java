package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.NewResource;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Connection loss and transient conflicts: backends killed with {@code pg_terminate_backend} must not fail the next
 * call while a healthy connection can be had, and what cannot be hidden surfaces as {@link RetryableException}.
 */
@SarkDatabaseTest
class ConnectionLossTest {

    private static SarkDatabase pool(TestDatabase testDb, int size) {
        return SarkDatabase.connect(SarkConfig.builder().jdbcUrl(testDb.jdbcUrl()).schema(testDb.schema()).username(testDb.server().username())
                .password(testDb.server().password()).maximumPoolSize(size).minimumIdle(size).build());
    }

    /** The backend pids of all {@code n} pooled connections (held at once, so they are distinct). */
    private static List<Integer> pids(SarkDatabase db, int n) throws Exception {
        List<Connection> held = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Connection c = db.dataSource().getConnection();
                held.add(c);
                try (ResultSet rs = c.createStatement().executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    pids.add(rs.getInt(1));
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        return pids;
    }

    /** Terminates the backends and waits until the server has let them go (their goodbye has been sent). */
    private static void kill(DSLContext observer, List<Integer> pids) {
        for (int pid : pids) {
            observer.execute("select pg_terminate_backend(" + pid + ", 60000)");
        }
    }

    @Test
    void everyPooledConnectionKilledAndTheNextCallsStillSucceed(TestDatabase testDb, DSLContext observer) throws Exception {
        try (SarkDatabase db = pool(testDb, 3)) {
            List<Integer> before = pids(db, 3);
            kill(observer, before);
            // one call of each kind, each on a pool whose connections were all dead
            assertThat(db.resources().findById("nope")).isEmpty();
            assertThat(db.resources().create(NewResource.mcp(Fixtures.uid("cl"), "cmd")).name()).startsWith("cl-");
            assertThat(db.dsl().fetchValue(org.jooq.impl.DSL.field("pg_backend_pid()", Integer.class))).isNotIn(before);
            kill(observer, pids(db, 3));
            java.util.Optional<?> none = db.inTransaction(tx -> tx.resources().findById("nope"));
            assertThat(none).isEmpty();
        }
    }

    @Test
    void aConnectionLostInsideATransactionIsRetryable(TestDatabase testDb, DSLContext observer) {
        try (SarkDatabase db = pool(testDb, 2)) {
            assertThatThrownBy(() -> db.useTransaction(tx -> {
                Integer pid = tx.dsl().fetchValue(org.jooq.impl.DSL.field("pg_backend_pid()", Integer.class));
                kill(observer, List.of(pid));
                tx.resources().findById("nope");
            })).isInstanceOfSatisfying(RetryableException.class,
                    e -> assertThat(e.reason()).isEqualTo(RetryableException.Reason.CONNECTION));
            assertThat(db.resources().findById("nope")).isEmpty(); // and the pool recovered
        }
    }

    @Test
    void serializationFailuresAndDeadlocksAreRetryable(TestDatabase testDb) {
        try (SarkDatabase db = pool(testDb, 1)) {
            for (var c : List.of(new String[] {"40001", "SERIALIZATION"}, new String[] {"40P01", "DEADLOCK"})) {
                String raise = "do $$ begin raise exception 'conflict' using errcode = '" + c[0] + "'; end $$";
                assertThatThrownBy(() -> db.useTransaction(tx -> tx.dsl().execute(raise)))
                        .isInstanceOfSatisfying(RetryableException.class, e -> {
                            assertThat(e.reason().name()).isEqualTo(c[1]);
                            assertThat(e.sqlState()).isEqualTo(c[0]);
                        });
                assertThatThrownBy(() -> db.dsl().execute(raise)).isInstanceOf(RetryableException.class);
            }
        }
    }
}
