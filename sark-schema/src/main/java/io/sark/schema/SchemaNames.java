package io.sark.schema;

import java.util.regex.Pattern;

/**
 * The one rule for SARK schema names, used by the schema, the DAO, the migration engine and the testkit: a
 * lowercase PostgreSQL identifier that needs no quoting ({@value #PATTERN}), and the one way to quote an
 * identifier in SQL text.
 *
 * <p>Promises: {@link #isValid} accepts exactly the names matching {@value #PATTERN}; {@link #quote} returns a
 * double-quoted identifier that PostgreSQL reads back as {@code identifier}, for any input.
 */
public final class SchemaNames {

    /** The accepted schema names: a lowercase letter or underscore, then up to 62 lowercase letters, digits or underscores. */
    public static final String PATTERN = "[a-z_][a-z0-9_]{0,62}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private SchemaNames() {
    }

    /** Whether {@code schema} is a valid SARK schema name (false for null). */
    public static boolean isValid(String schema) {
        return schema != null && COMPILED.matcher(schema).matches();
    }

    /** {@code identifier} as a double-quoted SQL identifier (embedded double quotes doubled). */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code "schema"."name"}, both quoted with {@link #quote}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
