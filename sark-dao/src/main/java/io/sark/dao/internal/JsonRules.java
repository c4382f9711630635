package io.sark.dao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.schema.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one content rule for JSON the SDK writes to a JSONB column, applied before any SQL (also on the COPY path):
 * <ul>
 *   <li>nesting at most {@value #MAX_DEPTH} levels (the root object is level 1) — deeper trees overflow the stack
 *       of Jackson's writer;</li>
 *   <li>keys and strings hold only what PostgreSQL stores faithfully: no {@code \u0000} (JSONB refuses it) and no
 *       unpaired UTF-16 surrogate (see {@link Check#firstInvalidChar});</li>
 *   <li>numbers are finite and fit PostgreSQL's {@code numeric} input (at most {@value #MAX_NUMBER_DIGITS} digits
 *       and an exponent within ±{@value #MAX_NUMBER_DIGITS}); no Java objects wrapped as POJO nodes.</li>
 * </ul>
 * A refusal is an {@link InvalidInputException} naming the field, with the JSON path in the message. Internal.
 */
public final class JsonRules {

    /** Deepest nesting accepted; the root object or array counts as level 1. */
    public static final int MAX_DEPTH = 100;
    /** Largest number of digits, and largest decimal exponent, of a JSON number. */
    public static final int MAX_NUMBER_DIGITS = 1000;
    /** Bits of a {@code BigInteger} that surely has more than {@value #MAX_NUMBER_DIGITS} digits. */
    private static final int MAX_BITS = (int) Math.ceil(MAX_NUMBER_DIGITS / Math.log10(2)) + 1;

    private JsonRules() {
    }

    /** Returns {@code value} (may be null) if its whole tree is acceptable; otherwise refuses it naming {@code field}. */
    public static JsonNode check(String field, JsonNode value) {
        return check(() -> field, value);
    }

    /** {@link #check(String, JsonNode)} with the field's name built only for a refusal (bulk paths). */
    public static JsonNode check(Supplier<String> field, JsonNode value) {
        if (value != null) {
            walk(field, value, 1, new Object[MAX_DEPTH + 1]);
        }
        return value;
    }

    /** Depth-first, recursion bounded by {@link #MAX_DEPTH}; {@code path[d]} is the key or index at depth d. */
    private static void walk(Supplier<String> field, JsonNode node, int depth, Object[] path) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                depth(field, depth, path);
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    path[depth] = e.getKey();
                    int bad = Check.firstInvalidChar(e.getKey());
                    if (bad >= 0) {
                        throw Check.invalidChar(field.get(), e.getKey(), bad, "in a key at " + path(path, depth));
                    }
                    walk(field, e.getValue(), depth + 1, path);
                }
            }
            case ARRAY -> {
                depth(field, depth, path);
                for (int i = 0; i < node.size(); i++) {
                    path[depth] = i;
                    walk(field, node.get(i), depth + 1, path);
                }
            }
            case STRING -> {
                String s = node.textValue();
                int bad = Check.firstInvalidChar(s);
                if (bad >= 0) {
                    throw Check.invalidChar(field.get(), s, bad, "in the string at " + path(path, depth - 1));
                }
            }
            case NUMBER -> number(field, node, path, depth - 1);
            case POJO -> throw new InvalidInputException(field.get(), "must be plain JSON, found a Java object at " + path(path, depth - 1));
            default -> {
                // BOOLEAN, NULL, BINARY (written as a base64 string), MISSING
            }
        }
    }

    private static void depth(Supplier<String> field, int depth, Object[] path) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(field.get(), "is nested deeper than " + MAX_DEPTH + " levels (at "
                    + Check.show(path(path, depth - 1)) + ")");
        }
    }

    private static void number(Supplier<String> field, JsonNode node, Object[] path, int depth) {
        boolean ok;
        if (node.isDouble() || node.isFloat()) {
            ok = Double.isFinite(node.doubleValue());
        } else if (node.isBigDecimal()) {
            BigDecimal d = node.decimalValue();
            // bit length first: precision() of a huge unscaled value is expensive
            ok = d.unscaledValue().bitLength() <= MAX_BITS && Math.abs((long) d.scale()) <= MAX_NUMBER_DIGITS
                    && Math.abs((long) d.precision() - d.scale() - 1) <= MAX_NUMBER_DIGITS;
        } else if (node.isBigInteger()) {
            BigInteger i = node.bigIntegerValue();
            ok = i.bitLength() <= MAX_BITS;
        } else {
            ok = true; // int, long, short
        }
        if (!ok) {
            throw new InvalidInputException(field.get(), "holds a number PostgreSQL cannot store (not finite, or more than "
                    + MAX_NUMBER_DIGITS + " digits or exponent) at " + path(path, depth));
        }
    }

    /** {@code $.a[3].b} for the first {@code depth} entries of {@code path}. */
    private static String path(Object[] path, int depth) {
        StringBuilder sb = new StringBuilder("$");
        for (int d = 1; d <= depth && d < path.length; d++) {
            if (path[d] instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append('.').append(Check.show(path[d]));
            }
        }
        return sb.toString();
    }
}
