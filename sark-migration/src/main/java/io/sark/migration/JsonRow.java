package io.sark.migration;

/**
 * A v1 JSON value that {@code jsonb} cannot hold as it is, and what {@link V1ToV2Migration#execute()} did with it
 * (one row of {@code sark_migration_json}, where its original text is kept).
 *
 * @param table    {@code mcp_servers} or {@code mcp_tools}
 * @param id       the v1 row id (= the v2 id)
 * @param column   the v1 column
 * @param problems {@code nul}, {@code duplicate_keys} or both, comma-separated
 * @param action   {@code migrated} (escape rule) or {@code skipped}
 * @param reason   one line
 */
public record JsonRow(String table, String id, String column, String problems, String action, String reason) {
}
