package io.sark.migration;

import java.util.Locale;

/** The state of a migration run, as {@link V1ToV2Migration#status()} reports it. */
public enum RunStatus {
    /** Executing now, or killed while executing (then the next {@code execute()} resumes it). */
    RUNNING,
    /** Stopped by an error; the next {@code execute()} resumes it. */
    FAILED,
    /** Every v1 row was migrated. */
    COMPLETED,
    /** Its rows were removed by {@code rollback()}. */
    ROLLED_BACK;

    /** The stored value, e.g. {@code rolled_back}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status stored as {@code value}. */
    public static RunStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
