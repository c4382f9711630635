package io.sark.migration;

/** Which checks {@link V1ToV2Migration#validate(ValidationMode)} runs (reference §4 modes, plus fidelity). */
public enum ValidationMode {
    /** Schema, data (with row-level fidelity), relationships and business checks. */
    FULL,
    /** Schema, relationships and business checks; no data checks. */
    QUICK,
    /** Schema checks only (1–4, plus Flyway history and the catalog compared with this SDK's). */
    SCHEMA,
    /** Data checks only (5–11 plus row-level fidelity). */
    DATA
}
