package io.sark.dao.internal;

import io.sark.dao.AppendOnlyViolationException;
import io.sark.dao.DuplicateKeyException;
import io.sark.dao.RetryableException;
import io.sark.schema.InvalidInputException;
import io.sark.schema.SarkException;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates the database errors a caller can act on into SDK exceptions (duplicate key, invalid input, append-only
 * violation, {@link RetryableException} for lost connections, serialization failures and deadlocks); everything else
 * becomes a plain {@link SarkException} with the database message. Internal.
 */
public final class Errors {

    private Errors() {
    }

    /**
     * Replaces the failure of any jOOQ statement by the SDK's exception ({@link #translate(DataAccessException)}).
     * Installed on every DAO's configuration, so a statement can't leak a raw jOOQ exception; what runs outside a
     * jOOQ statement (raw JDBC on a fast path, a commit) is translated by {@link #translate(Supplier)}.
     */
    public static final ExecuteListener LISTENER = new ExecuteListener() {
        @Override
        public void exception(ExecuteContext ctx) {
            if (ctx.exception() instanceof DataAccessException e) {
                ctx.exception(translate(e));
            }
        }
    };

    /**
     * Attempts of one DAO call that the server aborted as a deadlock victim or serialization failure. Before V9, a
     * TimescaleDB chunk boundary crossed under load made a convoy of such aborts (docs/platforms.md), inside which
     * 5 attempts a few milliseconds apart were used up in CI.
     */
    static final int ATTEMPTS = 10;
    /** How deep the current thread is in DAO calls and caller transactions: only depth 0 may retry. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * Runs {@code work}, translating jOOQ/JDBC failures. A call that owns its transaction (not nested in another
     * DAO call nor in a caller's {@code inTransaction}) is run again, up to {@value #ATTEMPTS} attempts in all,
     * when the server aborted it as a deadlock victim or a serialization failure: its transaction was rolled back
     * whole, so running it again is safe. Such failures are rare; the SDK's own triggers (V8's catalogue counts)
     * lock rows of their own.
     */
    public static <T> T translate(Supplier<T> work) {
        int[] depth = DEPTH.get();
        boolean outermost = depth[0] == 0;
        for (int attempt = 1; ; attempt++) {
            depth[0]++;
            try {
                return work.get();
            } catch (DataAccessException | RetryableException e) {
                RuntimeException translated = e instanceof DataAccessException d ? translate(d) : (RuntimeException) e;
                if (!outermost || attempt == ATTEMPTS || !abortedWhole(translated)) {
                    throw translated;
                }
            } finally {
                depth[0]--;
            }
            backOff(attempt);
        }
    }

    /** Runs {@code work}, translating jOOQ/JDBC failures, retrying as {@link #translate(Supplier)} does. */
    public static void run(Runnable work) {
        translate(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work}, a caller's transaction: DAO calls inside it never retry (the caller decides), and its
     * failures are translated.
     */
    public static <T> T inCallerTransaction(Supplier<T> work) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw translate(e);
        } finally {
            depth[0]--;
        }
    }

    private static boolean abortedWhole(RuntimeException e) {
        return e instanceof RetryableException r && r.reason() != RetryableException.Reason.CONNECTION;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 25L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SarkException("interrupted while retrying", e);
        }
    }

    /** Why a failure with {@code state} may succeed when retried, or null when it would not. */
    static RetryableException.Reason retryReason(String state, SQLException sql) {
        if (state == null) {
            return sql instanceof java.sql.SQLTransientConnectionException ? RetryableException.Reason.CONNECTION : null;
        }
        return switch (state) {
            case "40001" -> RetryableException.Reason.SERIALIZATION;
            case "40P01" -> RetryableException.Reason.DEADLOCK;
            case "57P01", "57P02", "57P03", "53300" -> RetryableException.Reason.CONNECTION;
            default -> state.startsWith("08") ? RetryableException.Reason.CONNECTION : null;
        };
    }

    /** The SDK exception for {@code e}. */
    public static RuntimeException translate(DataAccessException e) {
        SQLException sql = e.getCause(SQLException.class);
        String state = sql == null ? e.sqlState() : sql.getSQLState();
        String constraint = null;
        String column = null;
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage m = psql.getServerErrorMessage();
            constraint = m.getConstraint();
            column = m.getColumn();
        }
        String message = sql == null ? e.getMessage() : sql.getMessage();
        RetryableException.Reason retry = retryReason(state, sql);
        if (retry != null) {
            return new RetryableException(retry, state, retry.name().toLowerCase(java.util.Locale.ROOT)
                    + " failure, the call may succeed when retried: " + message, e);
        }
        if (state == null) {
            return new SarkException(message, e);
        }
        return switch (state) {
            case "23505" -> {
                String name = Constraints.logicalName(constraint, message);
                yield new DuplicateKeyException(name, "duplicate key (" + name + "): " + message, e);
            }
            case "23514" -> new InvalidInputException(constraint == null ? "value" : constraint, "violates " + message);
            case "23502" -> new InvalidInputException(column == null ? "value" : column, "must not be null");
            case "22001" -> new InvalidInputException(column == null ? "value" : column, "is too long: " + message);
            case "22003" -> new InvalidInputException(column == null ? "value" : column, "is out of range: " + message);
            case "SK001" -> new AppendOnlyViolationException(message, e);
            case "42P01", "42883" -> new SarkException(message + " (is the SARK schema migrated? see SarkDatabase.migrate()"
                    + " and docs/migration-runbook.md)", e);
            default -> new SarkException(message, e);
        };
    }
}
