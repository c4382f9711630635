package io.sark.dao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.schema.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        return clean(field, value);
    }

    /**
     * The index of the first character PostgreSQL cannot store faithfully in a text column: NUL (refused by the
     * server) or an unpaired UTF-16 surrogate (the driver would send it as {@code ?}, so two different strings would
     * alias each other); -1 when there is none. A plain char loop: it runs on the hot paths.
     */
    public static int firstInvalidChar(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * {@code value} (not null) if it holds only characters PostgreSQL stores faithfully (see {@link #firstInvalidChar});
     * otherwise refused naming {@code field}.
     */
    public static String clean(String field, String value) {
        int bad = firstInvalidChar(value);
        if (bad >= 0) {
            throw invalidChar(field, value, bad, "at index " + bad);
        }
        return value;
    }

    /** The refusal of the character at {@code index} of {@code value}. */
    static InvalidInputException invalidChar(String field, String value, int index, String where) {
        return new InvalidInputException(field, value.charAt(index) == '\0'
                ? "must not contain NUL characters (" + where + ")"
                : "must be valid UTF-16: unpaired surrogate \\u" + Integer.toHexString(value.charAt(index)).toUpperCase(java.util.Locale.ROOT)
                        + " " + where);
    }

    /** Maximum characters of a value quoted in an exception message. */
    public static final int SHOWN_CHARS = 64;

    /** {@code value} for an exception message: abbreviated to {@value #SHOWN_CHARS} characters, null as "null". */
    public static String show(Object value) {
        String s = String.valueOf(value);
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "... (" + s.length() + " characters)";
    }

    /** Text without a length limit (TEXT columns); may be null; no NUL characters (PostgreSQL refuses them). */
    public static String text(String field, String value) {
        return value == null ? null : maxLength(field, value, Integer.MAX_VALUE);
    }

    /** Text without a length limit that must be present. */
    public static String requiredText(String field, String value) {
        if (value == null || value.isBlank()) {
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

    /** A JSON object (not an array, scalar or null) whose content {@link JsonRules} accepts; null is refused. */
    public static JsonNode jsonObject(String field, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new InvalidInputException(field, "must be a JSON object, got: "
                    + (value == null ? "null" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return JsonRules.check(field, value);
    }

    /** A JSON object, or {@code {}} when null. */
    public static JsonNode jsonObjectOrEmpty(String field, JsonNode value) {
        return value == null ? io.sark.schema.json.SarkJson.object() : jsonObject(field, value);
    }

    /** Longest federation node id. */
    public static final int MAX_NODE_ID_LENGTH = 255;
    private static final java.util.regex.Pattern NODE_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final java.util.Set<String> ENDPOINT_SCHEMES = java.util.Set.of("https", "http", "grpcs", "grpc");

    /** A federation node id: 1–255 letters, digits, '.', '_', '-', starting and ending with a letter or digit. */
    public static String nodeId(String field, String value) {
        required(field, value, MAX_NODE_ID_LENGTH);
        if (!NODE_ID.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be letters, digits, '.', '_' or '-', starting and ending with a "
                    + "letter or digit, got: " + show(value));
        }
        return value;
    }

    /** An absolute https/http/grpcs/grpc URL with a host, at most {@code max} characters. */
    public static String endpoint(String field, String value, int max) {
        required(field, value, max);
        java.net.URI uri = null;
        try {
            uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        if (uri == null || uri.getScheme() == null || !ENDPOINT_SCHEMES.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                || uri.getHost() == null) {
            throw new InvalidInputException(field, "must be an absolute " + ENDPOINT_SCHEMES.stream().sorted().toList()
                    + " URL with a host, got: " + show(value));
        }
        return value;
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

    /** A half-open time window {@code [from, to)}: both given, in PostgreSQL's range and {@code from} before {@code to}. */
    public static void window(Instant from, Instant to) {
        instant("from", notNull("from", from));
        instant("to", notNull("to", to));
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }

    /** The first instant PostgreSQL's {@code timestamptz} holds: 4714-11-24 BC (Julian day 0), 00:00 UTC. */
    public static final Instant MIN_TIMESTAMP = LocalDate.of(-4713, 11, 24).atStartOfDay().toInstant(ZoneOffset.UTC);
    /**
     * The first instant after the range every supported engine stores: 294247-01-01 00:00 UTC. PostgreSQL's
     * {@code timestamptz} goes on to 294276, but TimescaleDB's hypertables end in 294247 (docs/platforms.md).
     */
    public static final Instant END_TIMESTAMP = LocalDate.of(294247, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    /**
     * An instant PostgreSQL can store, truncated to its precision (microseconds); null stays null.
     *
     * @throws InvalidInputException naming {@code field} if it is outside [{@link #MIN_TIMESTAMP}, {@link #END_TIMESTAMP})
     */
    public static Instant instant(String field, Instant value) {
        if (value == null) {
            return null;
        }
        if (value.isBefore(MIN_TIMESTAMP) || !value.isBefore(END_TIMESTAMP)) {
            throw outOfRange(field, value.toString());
        }
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * {@code value} in UTC at microsecond precision (what TIMESTAMPTZ stores); compared by epoch second first, so
     * {@code OffsetDateTime.MAX}/{@code MIN} are refused instead of overflowing.
     *
     * @throws InvalidInputException naming {@code field} if it is null or outside PostgreSQL's range
     */
    public static OffsetDateTime timestamp(String field, OffsetDateTime value) {
        if (!isStorable(notNull(field, value))) {
            throw outOfRange(field, value.toString());
        }
        return utcMicros(value);
    }

    /** Whether PostgreSQL's {@code timestamptz} holds {@code value} (not null). */
    public static boolean isStorable(OffsetDateTime value) {
        long s = value.toEpochSecond();
        return s >= MIN_TIMESTAMP.getEpochSecond() && s < END_TIMESTAMP.getEpochSecond();
    }

    /** A storable {@code value} in UTC at microsecond precision. */
    public static OffsetDateTime utcMicros(OffsetDateTime value) {
        return value.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static InvalidInputException outOfRange(String field, String shown) {
        return new InvalidInputException(field, "is outside the storable timestamp range [" + MIN_TIMESTAMP + ", "
                + END_TIMESTAMP + "): " + show(shown));
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
