package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.AttentionGroup;
import io.sark.migration.InvalidJson;
import io.sark.migration.Severity;
import io.sark.migration.ShapeDetection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The attention groups of {@code V1ToV2Migration#plan()}: the v1 rows the mapping treats specially, by kind, with
 * a count, what happens to them, and a sample. Not API.
 */
public final class Attention {

    /** Rows listed per JSON attention group (NUL, key twice): these are listed in full up to this many. */
    public static final int JSON_ROWS_LISTED = 1_000;

    private final Connection c;
    private final String v1Schema;
    private final String targetSchema;
    private final ShapeDetection shape;
    private final Mapping mapping;
    private final boolean state;
    private final int sampleSize;

    /** {@code state}: whether the migration state tables exist in the target schema. */
    public Attention(Connection c, String v1Schema, String targetSchema, ShapeDetection shape, Mapping mapping, boolean state, int sampleSize) {
        this.c = c;
        this.v1Schema = v1Schema;
        this.targetSchema = targetSchema;
        this.shape = shape;
        this.mapping = mapping;
        this.state = state;
        this.sampleSize = sampleSize;
    }

    /** Other schemas with an {@code mcp_servers} table, each as {@code "schema (N servers)"}. */
    public static List<String> otherV1Schemas(Connection c, String v1Schema) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String schema : Sql.queryStrings(c, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'mcp_servers' "
                + "AND table_schema <> ? ORDER BY 1", v1Schema)) {
            out.add(schema + " (" + Sql.queryLong(c, "SELECT count(*) FROM " + q(schema) + ".mcp_servers") + " servers)");
        }
        return out;
    }

    private String t(String table) {
        return q(targetSchema) + "." + q(table);
    }

    /** Every attention group of the v1 tables (plus the JSON ones under {@code rule}). */
    public List<AttentionGroup> groups(InvalidJson rule) throws SQLException {
        List<AttentionGroup> out = new ArrayList<>();
        String srv = q(v1Schema) + ".mcp_servers s";
        String tools = q(v1Schema) + ".mcp_tools s";
        String se = mapping.jsonb("s", "mcp_servers", "extra_metadata");
        String te = mapping.jsonb("s", "mcp_tools", "extra_metadata");
        String sKeys = keysArray(Mapping.SERVER_KEYS);
        String tKeys = keysArray(Mapping.TOOL_KEYS);
        group(out, "NO_COMMAND_OR_ENDPOINT", Severity.WARNING, "mcp_servers",
                "neither command nor endpoint: migrated with endpoint " + Mapping.PLACEHOLDER_ENDPOINT_PREFIX
                        + "<id> and metadata.v1_migration.placeholder_endpoint = true",
                srv, "s.command IS NULL AND s.endpoint IS NULL", "s.transport::text");
        group(out, "COMMAND_AND_ENDPOINT", Severity.INFO, "mcp_servers",
                "both command and endpoint: command becomes the endpoint, the v1 endpoint stays in metadata.endpoint",
                srv, "s.command IS NOT NULL AND s.endpoint IS NOT NULL", "s.endpoint");
        group(out, "COLLIDING_METADATA_KEYS", Severity.WARNING, "mcp_servers",
                "extra_metadata keys equal to generated keys: kept under metadata." + Mapping.COLLISION_KEY,
                srv, "jsonb_typeof(" + se + ") = 'object' AND jsonb_exists_any(" + se + ", " + sKeys + ")",
                "(SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(" + se + ") k WHERE k = ANY (" + sKeys + "))");
        group(out, "COLLIDING_METADATA_KEYS", Severity.WARNING, "mcp_tools",
                "extra_metadata keys equal to generated keys: kept under metadata." + Mapping.COLLISION_KEY,
                tools, "jsonb_typeof(" + te + ") = 'object' AND jsonb_exists_any(" + te + ", " + tKeys + ")",
                "(SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(" + te + ") k WHERE k = ANY (" + tKeys + "))");
        group(out, "NON_OBJECT_JSON", Severity.WARNING, "mcp_servers",
                "extra_metadata is not a JSON object: kept as is under metadata." + Mapping.COLLISION_KEY,
                srv, "jsonb_typeof(" + se + ") <> 'object'", "jsonb_typeof(" + se + ")");
        group(out, "NON_OBJECT_JSON", Severity.WARNING, "mcp_tools",
                "extra_metadata is not a JSON object: kept as is under metadata." + Mapping.COLLISION_KEY,
                tools, "jsonb_typeof(" + te + ") <> 'object'", "jsonb_typeof(" + te + ")");
        if (shape.parametersColumn() != null) {
            String p = mapping.jsonb("s", "mcp_tools", shape.parametersColumn());
            group(out, "NON_OBJECT_PARAMETERS", Severity.WARNING, "mcp_tools",
                    "parameters are not a JSON object: input_schema becomes {} and the value is kept in metadata.v1_migration.input_schema",
                    tools, "jsonb_typeof(" + p + ") <> 'object'", "jsonb_typeof(" + p + ")");
            group(out, "NULL_JSON", Severity.INFO, "mcp_tools",
                    "parameters or extra_metadata is SQL NULL: {} is written and metadata.v1_migration records it",
                    tools, "s." + q(shape.parametersColumn()) + " IS NULL OR s.extra_metadata IS NULL", "'null'");
        }
        group(out, "NULL_JSON", Severity.INFO, "mcp_servers",
                "extra_metadata, tags or capabilities is SQL NULL: recorded as JSON null / metadata.v1_migration",
                srv, "s.extra_metadata IS NULL OR s.tags IS NULL OR s.capabilities IS NULL", "'null'");
        String known = "('low','medium','high','critical')";
        group(out, "UNKNOWN_SENSITIVITY", Severity.WARNING, "mcp_servers",
                "sensitivity outside low..critical: becomes " + Mapping.UNKNOWN_SENSITIVITY_TARGET
                        + ", the original label is kept in metadata.v1_migration.sensitivity_level",
                srv, "lower(s.sensitivity_level::text) NOT IN " + known, "s.sensitivity_level::text");
        group(out, "UNKNOWN_SENSITIVITY", Severity.WARNING, "mcp_tools",
                "sensitivity outside low..critical: becomes " + Mapping.UNKNOWN_SENSITIVITY_TARGET
                        + ", the original label is kept in metadata.v1_migration.sensitivity_level",
                tools, "lower(s.sensitivity_level::text) NOT IN " + known, "s.sensitivity_level::text");
        String notMigrated = state ? " AND NOT EXISTS (SELECT 1 FROM " + t("sark_migration_rows") + " p WHERE p.kind = %d AND p.id = s.id)" : "";
        group(out, "ID_CONFLICT", Severity.WARNING, "mcp_servers",
                "a resource with this id exists and was not created by a migration run: it is left untouched (validate reports the difference)",
                srv, "EXISTS (SELECT 1 FROM " + t("resources") + " r WHERE r.id = s.id::text)" + notMigrated.formatted(1), "'exists'");
        group(out, "ID_CONFLICT", Severity.WARNING, "mcp_tools",
                "a capability with this id exists and was not created by a migration run: it is left untouched (validate reports the difference)",
                tools, "EXISTS (SELECT 1 FROM " + t("capabilities") + " r WHERE r.id = s.id::text)" + notMigrated.formatted(2), "'exists'");
        json(out, rule);
        return out;
    }

    private static String keysArray(List<String> keys) {
        StringBuilder sb = new StringBuilder("ARRAY[");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i > 0 ? "," : "").append(Sql.lit(keys.get(i)));
        }
        return sb.append("]::text[]").toString();
    }

    private void group(List<AttentionGroup> out, String kind, Severity severity, String table, String description,
                       String from, String where, String detail) throws SQLException {
        long count = Sql.queryLong(c, "SELECT count(*) FROM " + from + " WHERE " + where);
        if (count == 0) {
            return;
        }
        List<AttentionGroup.AttentionRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.id::text, s.name, (" + detail + ")::text FROM " + from + " WHERE "
                + where + " ORDER BY s.id LIMIT " + sampleSize); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new AttentionGroup.AttentionRow(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        out.add(new AttentionGroup(kind, severity, table, description, count, rows));
    }

    /** JSON_NUL and JSON_DUPLICATE_KEYS per table: every such value (up to {@link #JSON_ROWS_LISTED}), with its column. */
    private void json(List<AttentionGroup> out, InvalidJson rule) throws SQLException {
        String where = " kept byte for byte in " + targetSchema + "." + JsonOriginals.TABLE + " (validate checks it)";
        String what = rule == InvalidJson.SKIP ? "SKIPPED (--invalid-json=skip): the row is not migrated; the reason and the original text are"
                : "migrated by the escape rule (--invalid-json=escape, the default): %s; the original text is";
        Map<String, List<JsonScanner.Finding>> byGroup = new TreeMap<>(JsonScanner.scan(c, v1Schema).stream().flatMap(f -> f.problems().stream()
                .map(p -> Map.entry(p + "/" + f.table(), f))).collect(Collectors.groupingBy(Map.Entry::getKey,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList()))));
        byGroup.forEach((key, findings) -> {
            boolean nul = key.startsWith("NUL");
            String table = key.substring(key.indexOf('/') + 1);
            String description = what.formatted(nul ? "each NUL escape becomes the text backslash-u0000 (jsonb cannot hold a NUL)"
                    : "jsonb keeps the last value of a key given twice") + where;
            List<AttentionGroup.AttentionRow> rows = findings.stream().limit(JSON_ROWS_LISTED)
                    .map(f -> new AttentionGroup.AttentionRow(f.id(), f.name(), f.detail())).toList();
            out.add(new AttentionGroup(nul ? "JSON_NUL" : "JSON_DUPLICATE_KEYS", Severity.WARNING, table, description,
                    findings.stream().map(JsonScanner.Finding::id).distinct().count(), rows));
        });
    }
}
