package io.sark.dao.internal;

import io.sark.dao.AppendOnlyViolationException;
import io.sark.dao.DuplicateKeyException;
import io.sark.dao.InvalidInputException;
import io.sark.schema.SarkException;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates the database errors a caller can act on into SDK exceptions; everything else becomes a plain
 * {@link SarkException} with the database message. Internal.
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
            default -> new SarkException(message, e);
        };
    }
}
