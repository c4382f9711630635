package io.sark.migration;

import io.sark.schema.SarkException;

/** A migration operation failed; the message is one line naming what and where. */
public class MigrationException extends SarkException {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
