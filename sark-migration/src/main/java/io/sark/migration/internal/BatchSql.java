package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of one migration batch: the page-window reads of a v1 table (a Tid Range Scan) or its keyset reads,
 * and the statement that inserts their mapped rows with provenance and reports what was read. Not API.
 */
public final class BatchSql {

    private BatchSql() {
    }

    /**
     * Heap pages a window must span to hold about {@code batchSize} rows of a table with {@code rows} rows on
     * {@code pages} pages (at least 1; a window also gets one page of slack, see {@link BatchRunner}).
     */
    public static int pagesPerBatch(int batchSize, long rows, long pages) {
        if (pages <= 0) {
            return 1;
        }
        long ppb = rows <= 0 ? pages : (batchSize * pages + rows - 1) / rows;
        return (int) Math.max(1, Math.min(ppb, Math.min(pages, Integer.MAX_VALUE)));
    }

    /** Count, first and last tid of the tuples {@link #pageWindowSelect} reads, from the tids alone. */
    public static String pageWindowKeys(Mapping mapping, boolean servers, Tid from, long toPage, int limit) {
        String a = alias(servers);
        return "SELECT count(*) AS n, min(w.tid)::text AS lo, max(w.tid)::text AS hi FROM (SELECT " + a + ".ctid AS tid FROM "
                + q(mapping.v1Schema()) + (servers ? ".mcp_servers s" : ".mcp_tools t") + " WHERE " + window(a, from, toPage)
                + " ORDER BY " + a + ".ctid LIMIT " + limit + ") w";
    }

    /**
     * The mapped rows of one page batch of {@code mcp_servers} or {@code mcp_tools}: the v1 tuples in
     * {@code [from, (toPage,0))}, first {@code limit} in physical order.
     */
    public static String pageWindowSelect(Mapping mapping, boolean servers, Tid from, long toPage, int limit) {
        String a = alias(servers);
        String where = window(a, from, toPage);
        String tail = "ORDER BY " + a + ".ctid LIMIT " + limit;
        String extra = ", " + a + ".ctid AS v1_tid";
        return servers ? mapping.serversSelect(where, tail, extra) : mapping.toolsSelect(where, tail, extra);
    }

    /**
     * The mapped rows of one keyset batch: ids after {@code last} in id order, and with {@code catchUp} only the
     * v1 rows that have no v2 row in {@code state}'s schema.
     */
    public static String keysetSelect(Mapping mapping, StateTables state, boolean servers, boolean catchUp, UUID last, int limit) {
        String a = alias(servers);
        List<String> where = new ArrayList<>();
        if (catchUp) {
            where.add("NOT EXISTS (SELECT 1 FROM " + state.t(servers ? "resources" : "capabilities") + " r WHERE r.id = " + a + ".id::text)");
        }
        if (last != null) {
            where.add(a + ".id > '" + last + "'::uuid");
        }
        String w = where.isEmpty() ? null : String.join(" AND ", where);
        String tail = "ORDER BY " + a + ".id LIMIT " + limit;
        return servers ? mapping.serversSelect(w, tail) : mapping.toolsSelect(w, tail);
    }

    private static String alias(boolean servers) {
        return servers ? "s" : "t";
    }

    private static String window(String alias, Tid from, long toPage) {
        return alias + ".ctid >= " + from.literal() + " AND " + alias + ".ctid < " + new Tid(toPage, 0).literal();
    }

    /**
     * One batch: the mapped rows of {@code select} inserted (existing ids skipped), their provenance, and what was
     * read: rows, rows created, first and last key ({@code tid} text for page batches, else uuid text). Parameters:
     * run id, batch number. Only the mapped rows that pass {@code filter} (on {@code src}; null: all) are inserted.
     *
     * <p>With {@code windowKeys} (page batches: {@link #pageWindowKeys}) the mapped rows stream straight into the
     * INSERT and the count and first/last tid come from a second, tid-only read of the same window (same
     * snapshot, pages already in cache); without it (keyset batches) the mapped rows are materialized once and
     * counted from there.
     */
    public static String batchStatement(StateTables state, boolean servers, String select, String windowKeys, String filter) {
        String only = filter == null ? " " : " WHERE " + filter + " ";
        String table = servers ? state.t("resources") : state.t("capabilities");
        String cols = servers ? Mapping.RESOURCE_COLUMNS : Mapping.CAPABILITY_COLUMNS;
        int kind = servers ? StateTables.KIND_RESOURCE : StateTables.KIND_CAPABILITY;
        String prov = "prov AS (INSERT INTO " + state.t("sark_migration_rows") + " (kind, id, run_id, batch_no) SELECT " + kind
                + ", id::uuid, ?, ? FROM ins ON CONFLICT (kind, id) DO UPDATE SET run_id = EXCLUDED.run_id, "
                + "batch_no = EXCLUDED.batch_no RETURNING 1) ";
        if (windowKeys != null) {
            return "WITH ins AS (INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM (" + select + ") src" + only
                    + "ON CONFLICT (id) DO NOTHING RETURNING id), " + prov
                    + "SELECT k.n, (SELECT count(*) FROM prov), k.lo, k.hi FROM (" + windowKeys + ") k";
        }
        // uuid has no min/max: keyset batches sort the materialized rows for their first and last id
        String keys = "SELECT count(*) AS n, (SELECT v1_id FROM src ORDER BY v1_id LIMIT 1)::text AS lo, "
                + "(SELECT v1_id FROM src ORDER BY v1_id DESC LIMIT 1)::text AS hi FROM src";
        return "WITH src AS MATERIALIZED (" + select + "), "
                + "ins AS (INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM src" + only + "ON CONFLICT (id) DO NOTHING RETURNING id), "
                + prov + "SELECT k.n, (SELECT count(*) FROM prov), k.lo, k.hi FROM (" + keys + ") k";
    }
}
