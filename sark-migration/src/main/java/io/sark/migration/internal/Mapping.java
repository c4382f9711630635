package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.ShapeDetection;
import java.util.List;
import java.util.Set;

/**
 * The v1 → v2 mapping as SQL, shared by plan, execute, validate and the benchmark's hand-written baseline.
 * Written against the detected columns, so both v1 shapes (and mixes) map the same way:
 * JSON columns are read as {@code ::jsonb} (a no-op on JSONB), enum labels as {@code lower(label::text)}.
 * A {@code json} value holding a NUL escape (which jsonb refuses) is cast after each NUL escape was rewritten as
 * an escaped backslash followed by {@code u0000} ({@link #jsonb}); see {@link io.sark.migration.InvalidJson}.
 *
 * <p>Where every v1 column goes is documented in docs/migration-runbook.md ("Mapping").
 */
public final class Mapping {

    /** Sensitivity labels v2 accepts. */
    public static final List<String> SENSITIVITIES = List.of("low", "medium", "high", "critical");
    /** What an unknown v1 sensitivity label becomes (most restrictive); the original is kept in metadata. */
    public static final String UNKNOWN_SENSITIVITY_TARGET = "critical";
    /** Prefix of the placeholder endpoint of a server that had neither command nor endpoint (+ the server id). */
    public static final String PLACEHOLDER_ENDPOINT_PREFIX = "urn:sark:v1-no-endpoint:";
    /** Metadata key holding extra_metadata entries that collide with generated keys (or a non-object extra_metadata). */
    public static final String COLLISION_KEY = "v1_extra_metadata";
    /** Metadata key holding the migration's flags (placeholder endpoint, original unknown labels, null JSON, ...). */
    public static final String FLAGS_KEY = "v1_migration";
    /** Keys generated for a server's metadata (reference §3.1), plus the two keys above. */
    public static final List<String> SERVER_KEYS = List.of("transport", "command", "endpoint", "mcp_version", "capabilities",
            "status", "health_endpoint", "last_health_check", "owner_id", "team_id", "consul_id", "tags", "signature",
            "description", COLLISION_KEY, FLAGS_KEY);
    /** Keys generated for a tool's metadata (reference §3.2), plus the two keys above. */
    public static final List<String> TOOL_KEYS = List.of("requires_approval", "signature", "invocation_count", "last_invoked",
            COLLISION_KEY, FLAGS_KEY);

    /** Target column lists. */
    public static final String RESOURCE_COLUMNS = "id, name, protocol, endpoint, sensitivity_level, metadata, created_at, updated_at";
    public static final String CAPABILITY_COLUMNS = "id, resource_id, name, description, input_schema, output_schema, "
            + "sensitivity_level, metadata, created_at, updated_at";

    private final String v1;
    private final ShapeDetection shape;
    private final Set<String> jsonColumns;

    /** A mapping that treats every JSON column as {@code json} when the shape has json columns (ORM). */
    public Mapping(String v1Schema, ShapeDetection shape) {
        this(v1Schema, shape, shape.jsonColumns() ? Set.of("mcp_servers.capabilities", "mcp_servers.tags", "mcp_servers.extra_metadata",
                "mcp_tools.parameters", "mcp_tools.parameters_schema", "mcp_tools.extra_metadata") : Set.of());
    }

    /** A mapping for the v1 columns typed {@code json} given as {@code table.column} ({@link JsonScanner#jsonColumns}). */
    public Mapping(String v1Schema, ShapeDetection shape, Set<String> jsonColumns) {
        this.v1 = v1Schema;
        this.shape = shape;
        this.jsonColumns = Set.copyOf(jsonColumns);
    }

    /**
     * {@code alias.column} of v1 {@code table} as jsonb. A {@code json} column is cast directly unless its text holds
     * backslash-u0000; then every NUL escape (found by reading the backslash pairs left to right, so an escaped
     * backslash followed by u0000 stays as it is) becomes an escaped backslash followed by u0000 first.
     */
    public String jsonb(String alias, String table, String column) {
        String col = alias + "." + q(column);
        if (!jsonColumns.contains(table + "." + column)) {
            return "(" + col + ")::jsonb";
        }
        return "(CASE WHEN strpos(" + col + "::text, '\\u0000') > 0 THEN regexp_replace(" + col + "::text, "
                + "'(\\\\)\\\\|(\\\\)(u0000)', '\\1\\1\\2\\2\\3', 'g')::jsonb ELSE " + col + "::jsonb END)";
    }

    private static String array(List<String> keys) {
        StringBuilder sb = new StringBuilder("ARRAY[");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i > 0 ? "," : "").append(Sql.lit(keys.get(i)));
        }
        return sb.append("]::text[]").toString();
    }

    private static String sensitivity(String col) {
        return "CASE WHEN lower(" + col + "::text) IN ('low','medium','high','critical') THEN lower(" + col + "::text) ELSE '"
                + UNKNOWN_SENSITIVITY_TARGET + "' END";
    }

    private static String unknownSensitivity(String col) {
        return "CASE WHEN lower(" + col + "::text) IN ('low','medium','high','critical') THEN NULL ELSE " + col + "::text END";
    }

    /** extras at top level, colliding / non-object extras under COLLISION_KEY, flags under FLAGS_KEY. */
    private static String extras(String e, String reserved, String flags) {
        return "(CASE WHEN jsonb_typeof(" + e + ") = 'object' THEN " + e + " - " + reserved + " ELSE '{}'::jsonb END)"
                + " || (CASE WHEN jsonb_typeof(" + e + ") = 'object' AND jsonb_exists_any(" + e + ", " + reserved + ")"
                + " THEN jsonb_build_object('" + COLLISION_KEY + "', (SELECT jsonb_object_agg(k.key, k.value) FROM jsonb_each(" + e
                + ") k WHERE k.key = ANY (" + reserved + ")))"
                + " WHEN " + e + " IS NOT NULL AND jsonb_typeof(" + e + ") <> 'object' THEN jsonb_build_object('" + COLLISION_KEY
                + "', " + e + ") ELSE '{}'::jsonb END)"
                + " || (CASE WHEN " + flags + " = '{}'::jsonb THEN '{}'::jsonb ELSE jsonb_build_object('" + FLAGS_KEY + "', " + flags
                + ") END)";
    }

    /**
     * SELECT producing resources rows (columns {@link #RESOURCE_COLUMNS}) plus {@code v1_id} (uuid) from
     * {@code mcp_servers s}; {@code where} and {@code tail} are appended (e.g. a ctid window or keyset predicate, ORDER/LIMIT).
     */
    public String serversSelect(String where, String tail) {
        return serversSelect(where, tail, "");
    }

    /** {@link #serversSelect(String, String)} with {@code extra} appended to the select list (e.g. {@code ", s.ctid AS v1_tid"}). */
    public String serversSelect(String where, String tail, String extra) {
        String e = jsonb("s", "mcp_servers", "extra_metadata");
        String flags = "x.f";
        String metadata = "jsonb_build_object('transport', lower(s.transport::text), 'command', s.command, 'endpoint', s.endpoint, "
                + "'mcp_version', s.mcp_version, 'capabilities', " + jsonb("s", "mcp_servers", "capabilities") + ", 'status', lower(s.status::text), "
                + "'health_endpoint', s.health_endpoint, 'last_health_check', s.last_health_check, 'owner_id', s.owner_id::text, "
                + "'team_id', s.team_id::text, 'consul_id', s.consul_id, 'tags', " + jsonb("s", "mcp_servers", "tags") + ", 'signature', s.signature, "
                + "'description', s.description) || " + extras("x.e", array(SERVER_KEYS), flags);
        return "SELECT s.id::text AS id, s.name AS name, 'mcp'::varchar AS protocol, "
                + "COALESCE(s.command, s.endpoint, '" + PLACEHOLDER_ENDPOINT_PREFIX + "' || s.id::text) AS endpoint, "
                + sensitivity("s.sensitivity_level") + " AS sensitivity_level, " + metadata + " AS metadata, "
                + "s.created_at AS created_at, s.updated_at AS updated_at, s.id AS v1_id" + extra + " "
                + "FROM " + q(v1) + ".mcp_servers s CROSS JOIN LATERAL (SELECT " + e + " AS e, jsonb_strip_nulls(jsonb_build_object("
                + "'placeholder_endpoint', CASE WHEN s.command IS NULL AND s.endpoint IS NULL THEN true END, "
                + "'sensitivity_level', " + unknownSensitivity("s.sensitivity_level") + ", "
                + "'extra_metadata_null', CASE WHEN s.extra_metadata IS NULL THEN true END)) AS f) x "
                + (where == null ? "" : "WHERE " + where + " ") + (tail == null ? "" : tail);
    }

    /** SELECT producing capabilities rows (columns {@link #CAPABILITY_COLUMNS}) plus {@code v1_id} from {@code mcp_tools t}. */
    public String toolsSelect(String where, String tail) {
        return toolsSelect(where, tail, "");
    }

    /** {@link #toolsSelect(String, String)} with {@code extra} appended to the select list (e.g. {@code ", t.ctid AS v1_tid"}). */
    public String toolsSelect(String where, String tail, String extra) {
        String p = shape.parametersColumn() == null ? "NULL::jsonb" : jsonb("t", "mcp_tools", shape.parametersColumn());
        String usage = shape.usageColumns() ? ", 'invocation_count', t.invocation_count, 'last_invoked', t.last_invoked" : "";
        String metadata = "jsonb_build_object('requires_approval', t.requires_approval, 'signature', t.signature" + usage + ") || "
                + extras("x.e", array(TOOL_KEYS), "x.f");
        return "SELECT t.id::text AS id, t.server_id::text AS resource_id, t.name AS name, t.description::text AS description, "
                + "CASE WHEN jsonb_typeof(x.p) = 'object' THEN x.p ELSE '{}'::jsonb END AS input_schema, "
                + "'{}'::jsonb AS output_schema, " + sensitivity("t.sensitivity_level") + " AS sensitivity_level, "
                + metadata + " AS metadata, t.created_at AS created_at, t.updated_at AS updated_at, t.id AS v1_id" + extra + " "
                + "FROM " + q(v1) + ".mcp_tools t CROSS JOIN LATERAL (SELECT " + jsonb("t", "mcp_tools", "extra_metadata") + " AS e, " + p + " AS p) x0 "
                + "CROSS JOIN LATERAL (SELECT x0.e AS e, x0.p AS p, jsonb_strip_nulls(jsonb_build_object("
                + "'sensitivity_level', " + unknownSensitivity("t.sensitivity_level") + ", "
                + "'input_schema', CASE WHEN jsonb_typeof(x0.p) <> 'object' THEN x0.p END, "
                + "'parameters_null', CASE WHEN x0.p IS NULL THEN true END, "
                + "'extra_metadata_null', CASE WHEN t.extra_metadata IS NULL THEN true END)) AS f) x "
                + (where == null ? "" : "WHERE " + where + " ") + (tail == null ? "" : tail);
    }

    /** The v1 schema. */
    public String v1Schema() {
        return v1;
    }
}
