package io.sark.migration;

/** Another execute or rollback holds the migration lock of the target schema. */
public class MigrationBusyException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public MigrationBusyException(String message) {
        super(message);
    }
}
