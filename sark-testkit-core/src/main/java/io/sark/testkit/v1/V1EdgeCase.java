package io.sark.testkit.v1;

/**
 * Rows a {@link V1Dataset} can add on top of the regular ones, each the kind of data a migration must not
 * lose or choke on. Each edge case is applied to a few deterministic servers (and their tools); their ids
 * are in {@link V1DatasetSummary#edgeCaseServerIds()}.
 */
public enum V1EdgeCase {
    /** Servers with neither {@code command} nor {@code endpoint} (reference §9 D4). */
    NULL_COMMAND_AND_ENDPOINT,
    /**
     * {@code extra_metadata} keys that collide with the metadata keys a migration generates: {@code status},
     * {@code transport}, {@code description} on servers; {@code requires_approval}, {@code signature} on tools.
     */
    COLLIDING_METADATA_KEYS,
    /** Names and descriptions with non-ASCII characters (Cyrillic, CJK, emoji, combining marks). */
    UNICODE_NAMES,
    /** A ~200 KB {@code extra_metadata} on servers and a ~200 KB parameter schema on tools. */
    LARGE_JSON,
    /**
     * A sensitivity label outside low/medium/high/critical ({@code restricted}, added to the enum type the way
     * an operator would with {@code ALTER TYPE ... ADD VALUE}), on servers and tools.
     */
    UNKNOWN_SENSITIVITY,
    /**
     * JSON that is valid but not an object where an object is expected: {@code extra_metadata} as an array,
     * tool parameters as a string. In the ORM shape also SQL NULL JSON columns.
     */
    NON_OBJECT_JSON,
    /**
     * JSON holding a NUL escape (backslash followed by {@code u0000}), which {@code json} accepts and {@code jsonb}
     * cannot hold: in the ORM shape ({@code json} columns) in {@code mcp_servers.extra_metadata} (a value, a key,
     * and two NULs in a row), {@code mcp_tools.parameters} and {@code mcp_tools.extra_metadata}; every server also
     * has a near miss, an escaped backslash followed by {@code u0000}, which is no NUL. The migration shape
     * ({@code jsonb}) cannot store a NUL, so there it gets the near misses only.
     */
    NUL_IN_JSON,
    /**
     * JSON objects with a key twice ({@code json} keeps both, a cast to {@code jsonb} keeps the last): at the top
     * of {@code mcp_servers.extra_metadata} and {@code mcp_tools.extra_metadata}, nested in the tools' parameters.
     * In the migration shape ({@code jsonb}) PostgreSQL already kept only the last value when the row was written.
     */
    DUPLICATE_JSON_KEYS,
    /** Tool parameters that are valid JSON but no object: an array, a number, JSON {@code null}, {@code true}. */
    NON_OBJECT_PARAMETERS
}
