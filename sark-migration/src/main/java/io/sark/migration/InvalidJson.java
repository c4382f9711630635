package io.sark.migration;

/**
 * What {@link V1ToV2Migration#execute()} does with a v1 {@code json} value that {@code jsonb} cannot hold as it
 * is: a NUL escape (backslash, {@code u0000}) in a string or key, or an object with a key twice. {@code plan}
 * lists these rows (attention kinds {@code JSON_NUL}, {@code JSON_DUPLICATE_KEYS}). Under either rule the original
 * JSON text of each such value is kept, byte for byte, in {@code <target schema>.sark_migration_json}, and
 * {@code validate} checks that it still equals the v1 text.
 */
public enum InvalidJson {
    /**
     * The default, lossless: the row is migrated. Each NUL escape becomes an escaped backslash followed by
     * {@code u0000} (the string then holds the six characters backslash-u0000 where v1 had a NUL); of a key given
     * twice jsonb keeps the last value. The original text stays in {@code sark_migration_json} (action
     * {@code migrated}), so the v1 value can always be restored from there.
     */
    ESCAPE,
    /**
     * The row is not migrated; {@code sark_migration_json} records the reason and the original text (action
     * {@code skipped}). {@code validate} reports skipped rows as a warning, not as missing rows. Run execute again
     * with {@link #ESCAPE} to migrate them later.
     */
    SKIP
}
