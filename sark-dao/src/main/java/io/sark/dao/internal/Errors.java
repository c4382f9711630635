package io.sark.dao.internal;

import io.sark.dao.AppendOnlyViolationException;
import io.sark.dao.DuplicateKeyException;
import io.sark.dao.InvalidInputException;
import io.sark.dao.RetryableException;
import io.sark.schema.SarkException;
import java.sql.SQLException;
import java.util.function.Supplier;
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

    /** Runs {@code work}, translating jOOQ/JDBC failures. */
    public static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    /** Runs {@code work}, translating jOOQ/JDBC failures. */
    public static void run(Runnable work) {
        try {
            work.run();
        } catch (DataAccessException e) {
            throw translate(e);
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
