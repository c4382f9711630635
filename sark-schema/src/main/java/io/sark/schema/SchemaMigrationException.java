package io.sark.schema;

/** The SARK schema could not be migrated, validated or inspected; the message says why. */
public class SchemaMigrationException extends SarkException {

    private static final long serialVersionUID = 1L;

    public SchemaMigrationException(String message) {
        super(message);
    }

    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
