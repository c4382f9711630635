package io.sark.dao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.model.NewCost;
import io.sark.schema.InvalidInputException;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Argument checks of the cost ledger and the budgets: every refusal is an {@link InvalidInputException} naming
 * the field, raised before anything is written. Internal.
 */
public final class CostValidation {

    /** Largest length of an id column (VARCHAR(255)). */
    public static final int MAX_ID_LENGTH = 255;
    /** Integer digits of NUMERIC(18,8). */
    private static final BigDecimal NUMERIC_18_8_BOUND = BigDecimal.TEN.pow(10);
    private static final int NUMERIC_SCALE = 8;
    /** An unscaled value of more bits has more digits than any valid amount could keep after stripping zeros. */
    private static final int MAX_UNSCALED_BITS = 4096;
    /** Longest text {@link #parse} reads. */
    private static final int MAX_AMOUNT_TEXT = 1000;
    private static final Pattern CURRENCY_FORMAT = Pattern.compile("[A-Z]{3}");
    private static final Set<String> ISO_CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private CostValidation() {
    }

    /** A cost whose fields have all been checked; timestamp in UTC, microsecond precision. */
    public record ValidCost(String principalId, String resourceId, String capabilityId, BigDecimal estimatedCost,
                            BigDecimal actualCost, String currency, String idempotencyKey, JsonNode metadata,
                            OffsetDateTime timestamp) {

        /** COALESCE(actual, estimated): what the cost counts for. */
        public BigDecimal amount() {
            return actualCost != null ? actualCost : estimatedCost;
        }
    }

    /** Checks {@code cost} (field names prefixed with {@code prefix}); a missing timestamp becomes {@code now}. */
    public static ValidCost cost(String prefix, NewCost cost, OffsetDateTime now) {
        return check(prefix, null, -1, cost, now);
    }

    /**
     * Checks element {@code index} of the list {@code list}, naming fields {@code list[index].field}. The names are
     * only built when a check fails: bulk recording validates hundreds of thousands of costs per call.
     */
    public static ValidCost cost(String list, int index, NewCost cost, OffsetDateTime now) {
        return check(null, list, index, cost, now);
    }

    /**
     * What is left to check when a cost is recorded: {@link NewCost} validated its components on construction,
     * but a cost needs an amount, a missing timestamp becomes "now", and its metadata (a mutable Jackson node) is
     * checked again as it is written.
     */
    private static ValidCost check(String prefix, String list, int index, NewCost cost, OffsetDateTime now) {
        if (cost == null) {
            throw new InvalidInputException(prefix != null ? prefix : list + "[" + index + "]", "must not be null");
        }
        if (cost.estimatedCost() == null && cost.actualCost() == null) {
            throw new InvalidInputException(name(prefix, list, index, "estimatedCost"), "or actualCost must be given");
        }
        JsonNode metadata = cost.metadata();
        if (metadata.size() > 0) {
            JsonRules.check(() -> name(prefix, list, index, "metadata"), metadata);
        }
        OffsetDateTime ts = cost.timestamp() == null ? Check.utcMicros(now) : OffsetDateTime.ofInstant(cost.timestamp(), ZoneOffset.UTC);
        return new ValidCost(cost.principalId(), cost.resourceId(), cost.capabilityId(), cost.estimatedCost(),
                cost.actualCost(), cost.currency(), cost.idempotencyKey(), metadata, ts);
    }

    private static String name(String prefix, String list, int index, String field) {
        if (prefix == null) {
            return list + "[" + index + "]." + field;
        }
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    /** What {@link #id} accepts. */
    private static boolean isId(String value) {
        return value != null && value.length() <= MAX_ID_LENGTH && !value.isBlank() && Check.firstInvalidChar(value) < 0;
    }

    /** What {@link #amount} returns for a valid {@code value}, or null when it would refuse it. */
    private static BigDecimal exact(BigDecimal value, boolean zeroAllowed) {
        int sign = value.signum();
        if (sign < 0 || sign == 0 && !zeroAllowed) {
            return null;
        }
        if (value.compareTo(NUMERIC_18_8_BOUND) >= 0 || value.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
            return null; // checked before stripping zeros, which is slow for values of millions of digits
        }
        BigDecimal stripped = sign == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() > NUMERIC_SCALE) {
            return null;
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A non-blank id of at most 255 characters. */
    public static String id(String field, String value) {
        if (isId(value)) {
            return value;
        }
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_ID_LENGTH + " characters (is " + value.length() + ")");
        }
        Check.clean(field, value);
        throw new IllegalStateException("unreachable");
    }

    /**
     * An amount that NUMERIC(18,8) holds exactly (never rounded): at most 10 integer digits and 8 decimals;
     * {@code > 0}, or {@code >= 0} when {@code zeroAllowed}.
     */
    public static BigDecimal amount(String field, BigDecimal value, boolean zeroAllowed) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        BigDecimal exact = exact(value, zeroAllowed);
        if (exact != null) {
            return exact;
        }
        if (value.signum() < 0) {
            throw new InvalidInputException(field, "must not be negative (is " + show(value) + ")");
        }
        if (value.signum() == 0) {
            throw new InvalidInputException(field, "must be greater than zero");
        }
        if (value.compareTo(NUMERIC_18_8_BOUND) >= 0) {
            throw new InvalidInputException(field, "is out of range: at most 9999999999.99999999 (is " + show(value) + ")");
        }
        throw new InvalidInputException(field, "has more than " + NUMERIC_SCALE + " decimal places (is "
                + show(value) + "); NUMERIC(18,8) would round it");
    }

    /**
     * A refused amount for a message, never longer than a few dozen characters and computed without expanding it:
     * {@code toPlainString()} of {@code 1E-100000000} would be 100 million characters.
     */
    private static String show(BigDecimal value) {
        if (value.unscaledValue().bitLength() > 128) {
            return "a number of about " + (long) (value.unscaledValue().bitLength() * Math.log10(2)) + " digits";
        }
        int scale = value.scale();
        return scale >= 0 && scale <= 30 || scale < 0 && scale >= -20 ? value.toPlainString() : value.toString();
    }

    /**
     * The amount written as {@code text} (a decimal such as {@code "0.00003"} or {@code "1E-5"}), parsed exactly.
     *
     * @throws InvalidInputException naming {@code field} if it is null, empty or not a decimal number ({@code NaN},
     *                               {@code Infinity}, {@code 0x10}, ...)
     */
    public static BigDecimal parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "must be a decimal number, got: " + (text == null ? "null" : "\"" + text + "\""));
        }
        if (text.length() <= MAX_AMOUNT_TEXT) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new InvalidInputException(field, "must be a decimal number, got: " + Check.show(text));
    }

    /** An ISO 4217 code in upper case, e.g. {@code USD}. */
    public static String currency(String field, String code) {
        if (code != null && ISO_CURRENCIES.contains(code)) {
            return code; // the set holds only well-formed codes; the checks below explain a refusal
        }
        if (code == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        if (!CURRENCY_FORMAT.matcher(code).matches()) {
            throw new InvalidInputException(field, "must be a three-letter upper-case ISO 4217 code (is '" + code + "')");
        }
        if (!ISO_CURRENCIES.contains(code)) {
            throw new InvalidInputException(field, "is not a known ISO 4217 currency ('" + code + "')");
        }
        return code;
    }

    /** A JSON object whose content {@link JsonRules} accepts; {@code null} becomes {@code {}}. */
    public static JsonNode metadata(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return SarkJson.object();
        }
        if (!value.isObject()) {
            throw new InvalidInputException(field, "must be a JSON object (is " + value.getNodeType() + ")");
        }
        return JsonRules.check(field, value);
    }

    /** UTC, truncated to microseconds (what TIMESTAMPTZ stores); see {@link Check#timestamp}. */
    public static OffsetDateTime timestamp(String field, OffsetDateTime value) {
        return Check.timestamp(field, value);
    }
}
