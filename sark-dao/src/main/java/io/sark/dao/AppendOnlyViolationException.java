package io.sark.dao;

import io.sark.schema.SarkException;

/** An UPDATE, DELETE or TRUNCATE on an append-only audit table was refused by the database. */
public class AppendOnlyViolationException extends SarkException {

    private static final long serialVersionUID = 1L;

    public AppendOnlyViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
