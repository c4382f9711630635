package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.InvalidJson;
import io.sark.migration.JsonRow;
import io.sark.migration.Severity;
import io.sark.migration.ValidationReport.Issue;
import io.sark.migration.internal.JsonScanner.Finding;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state table {@code sark_migration_json}: the v1 JSON values that jsonb cannot hold as they are, what execute
 * did with each ({@link InvalidJson}) and the original text. Execute records them, its batches leave out the
 * skipped rows, validate proves that every original is kept. Not API.
 */
public final class JsonOriginals {

    /** The state table. */
    public static final String TABLE = "sark_migration_json";

    private final Connection c;
    private final String target;

    public JsonOriginals(Connection c, String targetSchema) {
        this.c = c;
        this.target = targetSchema;
    }

    private String t(String table) {
        return q(target) + "." + q(table);
    }

    private static int kind(String table) {
        return "mcp_servers".equals(table) ? 1 : 2;
    }

    /** Whether the table exists (state V3 installed). */
    public boolean installed() throws SQLException {
        return Sql.tableExists(c, target, TABLE);
    }

    /**
     * Scans the v1 json columns and records every finding for run {@code runId} (idempotent: a value already
     * recorded keeps its entry, except that a {@code skipped} entry is replaced). Under {@link InvalidJson#SKIP} a
     * row without a v2 row is recorded {@code skipped}, a row that already has one (an earlier run) {@code migrated}.
     *
     * @return how many rows are recorded {@code skipped} now
     */
    public long record(String v1Schema, long runId, InvalidJson rule, Instant now) throws SQLException {
        for (Finding f : JsonScanner.scan(c, v1Schema)) {
            String v2 = "mcp_servers".equals(f.table()) ? "resources" : "capabilities";
            String migrated = (f.problems().contains(JsonScanner.Problem.NUL) ? "each NUL escape written as the text backslash-u0000" : "")
                    + (f.problems().size() == 2 ? "; " : "")
                    + (f.problems().contains(JsonScanner.Problem.DUPLICATE_KEYS) ? "jsonb kept the last value of a key given twice" : "")
                    + "; original text kept here (" + f.detail() + ")";
            String skipped = "skipped by --invalid-json=skip: " + f.detail();
            Sql.update(c, "INSERT INTO " + t(TABLE) + " (kind, v1_id, column_name, problems, action, reason, original, run_id, recorded_at) "
                    + "SELECT ?, ?::uuid, ?, ?, a.action, CASE a.action WHEN 'skipped' THEN ? ELSE ? END, ?, ?, ? FROM (SELECT CASE WHEN ? "
                    + "AND NOT EXISTS (SELECT 1 FROM " + t(v2) + " r WHERE r.id = ?) THEN 'skipped' ELSE 'migrated' END AS action) a "
                    + "ON CONFLICT (kind, v1_id, column_name) DO UPDATE SET problems = EXCLUDED.problems, action = EXCLUDED.action, "
                    + "reason = EXCLUDED.reason, original = EXCLUDED.original, run_id = EXCLUDED.run_id, recorded_at = EXCLUDED.recorded_at "
                    + "WHERE " + q(TABLE) + ".action = 'skipped'",
                    kind(f.table()), f.id(), f.column(), f.problemText(), skipped, migrated, f.original(), runId, Timestamp.from(now),
                    rule == InvalidJson.SKIP, f.id());
        }
        if (rule == InvalidJson.SKIP) {
            // a tool cannot be migrated without its server: skipped with it, and recorded
            Sql.update(c, "INSERT INTO " + t(TABLE) + " (kind, v1_id, column_name, problems, action, reason, original, run_id, recorded_at) "
                    + "SELECT 2, s.id, 'server_id', 'server_skipped', 'skipped', 'skipped with its server ' || s.server_id "
                    + "|| ' (--invalid-json=skip)', s.server_id::text, ?, ? FROM " + q(v1Schema) + ".mcp_tools s WHERE EXISTS (SELECT 1 FROM "
                    + t(TABLE) + " j WHERE j.kind = 1 AND j.action = 'skipped' AND j.v1_id = s.server_id) AND NOT EXISTS (SELECT 1 FROM "
                    + t("capabilities") + " r WHERE r.id = s.id::text) ON CONFLICT DO NOTHING", runId, Timestamp.from(now));
        } else {
            Sql.update(c, "DELETE FROM " + t(TABLE) + " WHERE problems = 'server_skipped'");
        }
        return Sql.queryLong(c, "SELECT count(DISTINCT (kind, v1_id)) FROM " + t(TABLE) + " WHERE action = 'skipped'");
    }

    /**
     * A predicate on the v1 row {@code alias} ({@code s} or {@code t}): true unless the row is recorded as skipped.
     * Kind 1 for servers, 2 for tools.
     */
    public String notSkipped(int kind, String v1IdExpression) {
        return "NOT EXISTS (SELECT 1 FROM " + t(TABLE) + " j WHERE j.kind = " + kind + " AND j.v1_id = " + v1IdExpression
                + " AND j.action = 'skipped')";
    }

    /** Every recorded value, servers first, in id order. */
    public List<JsonRow> rows() throws SQLException {
        List<JsonRow> out = new ArrayList<>();
        for (Map<String, Object> r : Sql.queryMaps(c, "SELECT kind, v1_id::text AS id, column_name, problems, action, reason FROM " + t(TABLE)
                + " ORDER BY kind, v1_id, column_name")) {
            out.add(new JsonRow(((Number) r.get("kind")).intValue() == 1 ? "mcp_servers" : "mcp_tools", (String) r.get("id"),
                    (String) r.get("column_name"), (String) r.get("problems"), (String) r.get("action"), (String) r.get("reason")));
        }
        return out;
    }

    /**
     * The validate checks: every v1 value jsonb cannot hold, whose row was migrated, has its original text kept and
     * equal to the v1 text ({@code data.json_originals}); skipped rows are reported ({@code data.json_skipped}).
     */
    public List<Issue> validate(String v1Schema) throws SQLException {
        List<Finding> findings = JsonScanner.scan(c, v1Schema);
        boolean installed = installed();
        Map<String, Map<String, Object>> kept = new HashMap<>();
        if (installed) {
            for (Map<String, Object> r : Sql.queryMaps(c, "SELECT kind, v1_id::text AS id, column_name, action, original FROM " + t(TABLE))) {
                kept.put(r.get("kind") + "/" + r.get("id") + "/" + r.get("column_name"), r);
            }
        }
        List<String> lost = new ArrayList<>();
        long migrated = 0;
        long pending = 0;
        for (Finding f : findings) {
            Map<String, Object> k = kept.remove(kind(f.table()) + "/" + f.id() + "/" + f.column());
            boolean hasV2 = Sql.queryBool(c, "SELECT EXISTS (SELECT 1 FROM " + t("mcp_servers".equals(f.table()) ? "resources" : "capabilities")
                    + " WHERE id = ?)", f.id());
            if (k != null && f.original().equals(k.get("original"))) {
                migrated += "migrated".equals(k.get("action")) && hasV2 ? 1 : 0;
            } else if (hasV2) {
                lost.add(f.table() + " " + f.id() + " " + f.column() + (k == null ? " (not kept)" : " (kept text differs from v1)"));
            } else {
                pending++;
            }
        }
        long skipped = installed ? Sql.queryLong(c, "SELECT count(DISTINCT (kind, v1_id)) FROM " + t(TABLE) + " WHERE action = 'skipped'") : 0;
        List<Issue> out = new ArrayList<>();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("values", findings.size());
        d.put("migrated", migrated);
        d.put("not_yet_migrated", pending);
        d.put("skipped_rows", skipped);
        d.put("stale_entries", kept.size());
        if (!lost.isEmpty()) {
            d.put("sample", lost.size() > 20 ? lost.subList(0, 20) : lost);
            out.add(new Issue(Severity.ERROR, "data.json_originals", lost.size() + " migrated v1 JSON values that jsonb cannot hold have no kept "
                    + "original text equal to v1 in " + target + "." + TABLE, d));
        } else if (!findings.isEmpty()) {
            out.add(new Issue(Severity.INFO, "data.json_originals", findings.size() + " v1 JSON values jsonb cannot hold as they are (NUL, key "
                    + "twice): " + migrated + " migrated by the escape rule, each original text kept in " + target + "." + TABLE
                    + " and equal to v1", d));
        }
        if (skipped > 0) {
            out.add(new Issue(Severity.WARNING, "data.json_skipped", skipped + " v1 rows skipped by --invalid-json=skip (reason and original in "
                    + target + "." + TABLE + "); 'execute --invalid-json=escape' migrates them", Map.of("rows", skipped)));
        }
        return out;
    }
}
