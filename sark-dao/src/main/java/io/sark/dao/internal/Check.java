package io.sark.dao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;

/** Argument validation that runs before any SQL; every failure names the field. Internal. */
public final class Check {

    private Check() {
    }

    /** {@code value} must be present and not blank, at most {@code max} characters. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return maxLength(field, value, max);
    }

    /** {@code value} may be null; when present at most {@code max} characters. */
    public static String optional(String field, String value, int max) {
        return value == null ? null : maxLength(field, value, max);
    }

    private static String maxLength(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters, got " + value.length());
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, "must not contain NUL characters");
        }
        return value;
    }

    /** Text without a length limit (TEXT columns); may be null; no NUL characters (PostgreSQL refuses them). */
    public static String text(String field, String value) {
        return value == null ? null : maxLength(field, value, Integer.MAX_VALUE);
    }

    /** Text without a length limit that must be present. */
    public static String requiredText(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "is required");
        }
        return text(field, value);
    }

    /** A present object. */
    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    /** A JSON object (not an array, scalar or null); null is refused. */
    public static JsonNode jsonObject(String field, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new InvalidInputException(field, "must be a JSON object, got: "
                    + (value == null ? "null" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return value;
    }

    /** A JSON object, or {@code {}} when null. */
    public static JsonNode jsonObjectOrEmpty(String field, JsonNode value) {
        return value == null ? io.sark.schema.json.SarkJson.object() : jsonObject(field, value);
    }

    /** Zero or more. */
    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new InvalidInputException(field, "must not be negative, got " + value);
        }
        return value;
    }

    /** A page size between 1 and {@code max}. */
    public static int limit(int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidInputException("limit", "must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    /** An amount that fits NUMERIC(18,8): not negative, at most 10 integer digits and 8 decimals; may be null. */
    public static BigDecimal amount(String field, BigDecimal value) {
        if (value != null) {
            CostValidation.amount(field, value, true); // the one NUMERIC(18,8) rule, shared with the cost ledger
        }
        return value;
    }

    /** A half-open time window {@code [from, to)}: both given and {@code from} before {@code to}. */
    public static void window(Instant from, Instant to) {
        notNull("from", from);
        notNull("to", to);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }

    /** An instant at PostgreSQL's precision (microseconds); null stays null. */
    public static Instant micros(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }

    /** Every element present. */
    public static <T extends Collection<?>> T noNulls(String field, T values) {
        notNull(field, values);
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException(field, "must not contain null elements");
        }
        return values;
    }
}
