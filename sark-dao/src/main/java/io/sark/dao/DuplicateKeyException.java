package io.sark.dao;

import io.sark.schema.SarkException;

/** A row with the same unique key already exists; nothing was written. */
public class DuplicateKeyException extends SarkException {

    private static final long serialVersionUID = 1L;
    private final String constraint;

    public DuplicateKeyException(String constraint, String message, Throwable cause) {
        super(message, cause);
        this.constraint = constraint;
    }

    /** The name of the violated unique constraint or index, e.g. {@code resources_pkey}. */
    public String constraint() {
        return constraint;
    }
}
