package io.sark.dao.model;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** Transport of a v1 MCP server. Stored as the lowercase name. */
public enum TransportType {
    HTTP, STDIO, SSE;

    /** The value stored in the database (the lowercase name). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a value case-insensitively.
     *
     * @throws InvalidInputException (field {@code transport}) for an unknown value
     */
    public static TransportType parse(String value) {
        if (value != null) {
            for (TransportType v : values()) {
                if (v.name().equalsIgnoreCase(value)) {
                    return v;
                }
            }
        }
        throw new InvalidInputException("transport", "is not a known TransportType: " + io.sark.dao.internal.Check.show(value));
    }
}
