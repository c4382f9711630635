package io.sark.dao;

import io.sark.schema.SarkException;

/**
 * The call failed for a reason that may be gone on the next attempt: the connection to the server was lost (or
 * could not be had in time), or PostgreSQL aborted the transaction as a serialization failure ({@code 40001}) or a
 * deadlock victim ({@code 40P01}). Nothing of the failed transaction was committed, except that after a
 * {@link Reason#CONNECTION} loss during the commit itself the outcome is unknown.
 *
 * <p>Retrying the whole call (or the whole {@code inTransaction} callback) is safe for the operations docs/dao.md
 * lists as safe to retry: reads, idempotent writes (costs with an idempotency key, audit appends, which are
 * idempotent by event id), upserts and deletes by key. Other writes (e.g. a charge without an idempotency key) may
 * have been applied when a connection was lost while committing.
 */
public class RetryableException extends SarkException {

    private static final long serialVersionUID = 1L;

    /** Why the call may succeed when retried. */
    public enum Reason {
        /** The connection failed or was terminated (SQLSTATE class 08, 57P01–57P03, 53300), or none was available in time. */
        CONNECTION,
        /** {@code 40001}: the transaction could not be serialized with a concurrent one. */
        SERIALIZATION,
        /** {@code 40P01}: the transaction was chosen as a deadlock victim. */
        DEADLOCK
    }

    private final Reason reason;
    private final String sqlState;

    public RetryableException(Reason reason, String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.sqlState = sqlState;
    }

    /** Why a retry may succeed. */
    public Reason reason() {
        return reason;
    }

    /** The SQLSTATE reported, or null when the driver or pool gave none. */
    public String sqlState() {
        return sqlState;
    }
}
