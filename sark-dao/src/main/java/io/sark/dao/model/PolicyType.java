package io.sark.dao.model;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** Kind of policy. Stored as the lowercase name. */
public enum PolicyType {
    AUTHORIZATION, VALIDATION, TRANSFORMATION, AUDIT;

    /** The value stored in the database (the lowercase name). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a value case-insensitively.
     *
     * @throws InvalidInputException (field {@code policyType}) for an unknown value
     */
    public static PolicyType parse(String value) {
        if (value != null) {
            for (PolicyType v : values()) {
                if (v.name().equalsIgnoreCase(value)) {
                    return v;
                }
            }
        }
        throw new InvalidInputException("policyType", "is not a known PolicyType: " + io.sark.dao.internal.Check.show(value));
    }
}
