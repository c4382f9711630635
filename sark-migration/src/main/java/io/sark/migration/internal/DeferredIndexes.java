package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The secondary indexes of {@code resources} and {@code capabilities} while a run that started on empty tables
 * copies into them: dropped before the first batch, their definitions kept in
 * {@code sark_migration_deferred_indexes}, and built again once the data is in (on completion by execute, before
 * anything else by rollback). Unique indexes and those behind constraints are never dropped. Each step commits on
 * its own, so a run killed at any point leaves every index either in place or recorded. Not API.
 */
public final class DeferredIndexes {

    private final StateTables tables;
    private final String schema;

    public DeferredIndexes(StateTables tables, String schema) {
        this.tables = tables;
        this.schema = schema;
    }

    /**
     * Drops the secondary indexes when both tables are empty and none are recorded yet, in {@code c}'s transaction
     * (the caller commits); returns how many were dropped.
     */
    public int deferIfEmpty(Connection c, long runId, Instant now) throws SQLException {
        if (recorded(c) > 0 || Sql.queryBool(c, "SELECT EXISTS (SELECT 1 FROM " + tables.t("resources") + ")")
                || Sql.queryBool(c, "SELECT EXISTS (SELECT 1 FROM " + tables.t("capabilities") + ")")) {
            return 0;
        }
        List<Map<String, Object>> secondary = Sql.queryMaps(c, "SELECT ci.relname AS name, pg_get_indexdef(i.indexrelid) AS def"
                + " FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND t.relname IN ('resources', 'capabilities') AND NOT i.indisunique AND NOT i.indisprimary"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 1", schema);
        for (Map<String, Object> index : secondary) {
            Sql.update(c, "INSERT INTO " + tables.t("sark_migration_deferred_indexes")
                    + " (index_name, definition, run_id, deferred_at) VALUES (?, ?, ?, ?)", index.get("name"), index.get("def"),
                    runId, java.sql.Timestamp.from(now));
            Sql.exec(c, "DROP INDEX " + q(schema) + "." + q((String) index.get("name")));
        }
        return secondary.size();
    }

    /** How many indexes are recorded as dropped (0 without the state table). */
    public long recorded(Connection c) throws SQLException {
        if (!Sql.tableExists(c, schema, "sark_migration_deferred_indexes")) {
            return 0;
        }
        return Sql.queryLong(c, "SELECT count(*) FROM " + tables.t("sark_migration_deferred_indexes"));
    }

    /**
     * Builds every recorded index again and forgets it. With {@code commitEach} each index commits on its own
     * (execute); without, they join {@code c}'s transaction (rollback). Returns how many were built.
     */
    public int restore(Connection c, boolean commitEach) throws SQLException {
        if (recorded(c) == 0) {
            return 0;
        }
        List<Map<String, Object>> indexes = Sql.queryMaps(c, "SELECT index_name, definition FROM "
                + tables.t("sark_migration_deferred_indexes") + " ORDER BY index_name");
        int built = 0;
        for (Map<String, Object> index : indexes) {
            String name = (String) index.get("index_name");
            if (!Sql.queryBool(c, "SELECT to_regclass(?) IS NOT NULL", q(schema) + "." + q(name))) {
                Sql.exec(c, (String) index.get("definition"));
                built++;
            }
            Sql.update(c, "DELETE FROM " + tables.t("sark_migration_deferred_indexes") + " WHERE index_name = ?", name);
            if (commitEach) {
                c.commit();
            }
        }
        return built;
    }
}
