package io.sark.dao.model;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** Sensitivity of a resource, capability or v1 server/tool. Ordered from least to most sensitive. */
public enum SensitivityLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The value stored in the database ({@code "low"} …). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a level case-insensitively ({@code "high"}, {@code "HIGH"}).
     *
     * @throws InvalidInputException (field {@code sensitivityLevel}) for anything else
     */
    public static SensitivityLevel parse(String value) {
        if (value != null) {
            for (SensitivityLevel l : values()) {
                if (l.name().equalsIgnoreCase(value)) {
                    return l;
                }
            }
        }
        throw new InvalidInputException("sensitivityLevel", "must be one of low, medium, high, critical, got: " + io.sark.dao.internal.Check.show(value));
    }
}
