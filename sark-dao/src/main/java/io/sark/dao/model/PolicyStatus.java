package io.sark.dao.model;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** Lifecycle status of a policy. Stored as the lowercase name. */
public enum PolicyStatus {
    DRAFT, ACTIVE, INACTIVE, DEPRECATED;

    /** The value stored in the database (the lowercase name). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a value case-insensitively.
     *
     * @throws InvalidInputException (field {@code status}) for an unknown value
     */
    public static PolicyStatus parse(String value) {
        if (value != null) {
            for (PolicyStatus v : values()) {
                if (v.name().equalsIgnoreCase(value)) {
                    return v;
                }
            }
        }
        throw new InvalidInputException("status", "is not a known PolicyStatus: " + io.sark.dao.internal.Check.show(value));
    }
}
