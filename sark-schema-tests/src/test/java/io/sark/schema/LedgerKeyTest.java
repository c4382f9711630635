package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.SarkDatabaseTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The ledger's key to principal_budgets ({@code cost_tracking_principal_id_fkey}): a foreign key on plain PostgreSQL
 * and Citus, triggers on TimescaleDB (V9). Both refuse the same writes with the same SQLSTATE and constraint name,
 * order concurrent writers the same way, and the first ledger write of a new TimescaleDB chunk no longer waits for
 * the transactions that wrote a budget (which made charge-then-record transactions deadlock at chunk boundaries).
 */
@SarkDatabaseTest
class LedgerKeyTest {

    private static final String KEY = "cost_tracking_principal_id_fkey";

    @BeforeAll
    static void budgets(DataSource ds) throws SQLException {
        Sql.exec(ds, "INSERT INTO principal_budgets (principal_id) SELECT 'k-' || i FROM generate_series(1, 9) i");
    }

    @Test
    void aLedgerRowNeedsItsBudgetRow(DataSource ds) throws SQLException {
        assertRefused(ds, ledgerRow("nobody", "2025-01-01"), "23503");
        Sql.exec(ds, ledgerRow("k-1", "2025-01-01"));
        // Citus refuses any change of a distribution column before a key is checked
        assertRefused(ds, "UPDATE cost_tracking SET principal_id = 'nobody' WHERE principal_id = 'k-1'", keyChange());
        Sql.exec(ds, "UPDATE cost_tracking SET actual_cost = 2 WHERE principal_id = 'k-1'");
    }

    @Test
    void aBudgetRowTheLedgerNamesIsKept(DataSource ds) throws SQLException {
        Sql.exec(ds, ledgerRow("k-2", "2025-01-02"));
        assertRefused(ds, "DELETE FROM principal_budgets WHERE principal_id = 'k-2'", "23503");
        assertRefused(ds, "UPDATE principal_budgets SET principal_id = 'k-2b' WHERE principal_id = 'k-2'", keyChange());
        assertThat(Sql.value(ds, "SELECT count(*) FROM principal_budgets WHERE principal_id = 'k-2'")).isEqualTo("1");
        // a budget row the ledger does not name can go
        Sql.exec(ds, "DELETE FROM principal_budgets WHERE principal_id = 'k-9'");
    }

    @Test
    void truncatingTheBudgetsWithoutTheLedgerIsRefused(DataSource ds) throws SQLException {
        Sql.exec(ds, ledgerRow("k-3", "2025-01-03"));
        assertRefused(ds, "TRUNCATE principal_budgets, budget_reservations", "0A000");
        assertThat(Sql.value(ds, "SELECT count(*) FROM principal_budgets WHERE principal_id = 'k-3'")).isEqualTo("1");
        try (Connection c = ds.getConnection()) {           // with the ledger it is allowed (rolled back here)
            c.setAutoCommit(false);
            exec(c, "TRUNCATE principal_budgets, budget_reservations, cost_tracking");
            assertThat(value(c, "SELECT count(*) FROM principal_budgets")).isEqualTo("0");
            c.rollback();
        }
        assertThat(Sql.value(ds, "SELECT count(*) FROM cost_tracking WHERE principal_id = 'k-3'")).isEqualTo("1");
    }

    @Test
    void aDeleteWaitsForAnOpenLedgerWriteAndIsRefusedWhenItCommits(DataSource ds) throws Exception {
        waitsThenRefused(ds, ledgerRow("k-4", "2025-01-04"), "DELETE FROM principal_budgets WHERE principal_id = 'k-4'");
    }

    @Test
    void aLedgerWriteWaitsForAnOpenDeleteAndIsRefusedWhenItCommits(DataSource ds) throws Exception {
        waitsThenRefused(ds, "DELETE FROM principal_budgets WHERE principal_id = 'k-5'", ledgerRow("k-5", "2025-01-05"));
    }

    /**
     * {@code open} runs in a transaction left open; {@code blocked}, on another connection, must wait for it, and once
     * it commits the key refuses {@code blocked}.
     */
    private static void waitsThenRefused(DataSource ds, String open, String blocked) throws Exception {
        try (Connection first = ds.getConnection()) {
            first.setAutoCommit(false);
            exec(first, open);
            Background second = Background.run(ds, blocked);
            second.awaitBlocked(ds);
            first.commit();
            assertRefusedByTheKey(second);
        }
    }

    /**
     * A transaction has charged a budget and not yet committed; another session writes the first ledger row of a
     * time range nobody wrote before (a new chunk on TimescaleDB). That write must not wait for the charge, and the
     * charging transaction can then write its own row into the same range and commit: no deadlock, on any platform.
     */
    @Test
    void theFirstLedgerRowOfANewTimeRangeDoesNotWaitForBudgetWriters(DataSource ds) throws Exception {
        try (Connection charging = ds.getConnection()) {
            charging.setAutoCommit(false);
            exec(charging, "UPDATE principal_budgets SET daily_spent = daily_spent + 1 WHERE principal_id = 'k-6'");
            Background first = Background.run(ds, ledgerRow("k-7", "2041-03-04"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!first.result().isDone()) {
                assertThat(first.waitsForALock(ds)).as("the first ledger write of a new time range waits for a lock")
                        .isFalse();
                assertThat(System.nanoTime()).as("the ledger write neither ends nor waits").isLessThan(deadline);
                Thread.sleep(20);
            }
            first.result().get();
            exec(charging, ledgerRow("k-6", "2041-03-04"));
            charging.commit();
        }
        assertThat(Sql.value(ds, "SELECT count(*) FROM cost_tracking WHERE \"timestamp\" = '2041-03-04T00:00:00Z'"))
                .isEqualTo("2");
    }

    private static String ledgerRow(String principal, String day) {
        return "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, actual_cost, \"timestamp\") VALUES ('"
                + principal + "', 'r', 'c', 1, '" + day + "T00:00:00Z')";
    }

    /** What changing a principal_id the ledger names gives: the key's refusal, or Citus' own. */
    private static String keyChange() {
        return Platform.expected() == Platform.CITUS ? "0A000" : "23503";
    }

    private static void assertRefused(DataSource ds, String statement, String sqlState) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(statement)).as(statement).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo(sqlState);
                if (sqlState.equals("23503")) {
                    assertNamesTheKey(e);
                }
            });
        }
    }

    private static void exec(Connection c, String statement) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static void assertRefusedByTheKey(Background work) {
        assertThatThrownBy(() -> work.result().get(1, TimeUnit.MINUTES)).cause().isInstanceOfSatisfying(PSQLException.class,
                e -> {
                    assertThat(e.getSQLState()).isEqualTo("23503");
                    assertNamesTheKey(e);
                });
    }

    /** The error names the key: in its constraint field, or on Citus (which relays a worker's error without it) in its text. */
    private static void assertNamesTheKey(PSQLException e) {
        if (Platform.expected() == Platform.CITUS) {
            assertThat(e.getMessage()).contains(KEY);
        } else {
            assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo(KEY);
        }
    }

    /** A statement running on a connection of its own, whose server process is {@code pid}. */
    private record Background(int pid, CompletableFuture<Void> result) {

        static Background run(DataSource ds, String statement) throws SQLException {
            Connection c = ds.getConnection();
            int pid = Integer.parseInt(value(c, "SELECT pg_backend_pid()"));
            return new Background(pid, CompletableFuture.runAsync(() -> {
                try (c) {
                    exec(c, statement);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }));
        }

        /** Whether the statement's process waits for a lock of this server. */
        boolean waitsForALock(DataSource ds) throws SQLException {
            return !"0".equals(Sql.value(ds, "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = " + pid));
        }

        /**
         * Until the statement blocks: waits for a lock here, or (Citus) for a worker that does. Fails if it ends
         * first. A brief I/O wait may end this early, which only makes the caller's next step run sooner.
         */
        void awaitBlocked(DataSource ds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            String waiting = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND wait_event_type IS NOT NULL"
                    + " AND pid = " + pid;
            while (Sql.value(ds, waiting).equals("0")) {
                assertThat(result).as("the statement waits for the open transaction").isNotDone();
                assertThat(System.nanoTime()).as("waiting for the statement to block").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static String value(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
