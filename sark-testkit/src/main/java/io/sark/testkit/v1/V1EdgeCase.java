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
    NON_OBJECT_JSON
}
