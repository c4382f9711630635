package io.sark.dao.model;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** Severity of an audit event. Stored as the lowercase name. */
public enum SeverityLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The value stored in the database (the lowercase name). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a value case-insensitively.
     *
     * @throws InvalidInputException (field {@code severity}) for an unknown value
     */
    public static SeverityLevel parse(String value) {
        if (value != null) {
            for (SeverityLevel v : values()) {
                if (v.name().equalsIgnoreCase(value)) {
                    return v;
                }
            }
        }
        throw new InvalidInputException("severity", "is not a known SeverityLevel: " + io.sark.dao.internal.Check.show(value));
    }
}
