package io.sark.migration;

import java.util.Locale;

/** Where a migration run is: copying servers, copying tools, or finished. */
public enum MigrationPhase {
    /** Reading {@code mcp_servers} into {@code resources}. */
    RESOURCES,
    /** Reading {@code mcp_tools} into {@code capabilities}. */
    CAPABILITIES,
    /** Both tables copied. */
    DONE;

    /** The stored value, e.g. {@code capabilities}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase stored as {@code value}. */
    public static MigrationPhase parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
