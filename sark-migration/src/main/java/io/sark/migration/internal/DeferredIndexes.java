package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The secondary indexes of {@code resources} and {@code capabilities} while a run that started on empty tables
 * copies into them: dropped before the first batch, their definitions kept in
 * {@code sark_migration_deferred_indexes}, and built again once the data is in (on completion by execute, before
 * anything else by rollback). Unique indexes and those behind constraints are never dropped. Each step commits on
 * its own, so a run killed at any point leaves every index either in place or recorded. Not API.
 */
public final class DeferredIndexes {

    /** Connections that build indexes at once when a run completes. */
    static final int LANES = 2;
    /** The least maintenance_work_mem an index is built with (a GIN index over a million rows needs it). */
    static final String BUILD_MEMORY = "256MB";

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
     * Builds every recorded index again and forgets it, in {@code c}'s transaction (rollback: the deletes that
     * follow need them). Returns how many were built.
     */
    public int restore(Connection c) throws SQLException {
        int built = 0;
        for (String name : names(c)) {
            built += restoreOne(c, name);
        }
        return built;
    }

    /**
     * Builds every recorded index again and forgets it, each in a transaction of its own, on up to {@value #LANES}
     * connections of {@code dataSource} at once (execute, on completion). Returns how many were built.
     */
    public int restore(Connection c, DataSource dataSource) throws SQLException {
        Queue<String> todo = new ConcurrentLinkedQueue<>(names(c));
        if (todo.isEmpty()) {
            return 0;
        }
        ExecutorService lanes = Executors.newFixedThreadPool(Math.min(LANES, todo.size()));
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < Math.min(LANES, todo.size()); i++) {
                results.add(lanes.submit(() -> lane(dataSource, todo)));
            }
            int built = 0;
            for (Future<Integer> r : results) {
                built += r.get();
            }
            return built;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while building indexes", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause().getMessage(), e.getCause());
        } finally {
            lanes.shutdownNow();
        }
    }

    private int lane(DataSource dataSource, Queue<String> todo) throws SQLException {
        int built = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String name = todo.poll(); name != null; name = todo.poll()) {
                built += restoreOne(c, name);
                c.commit();
            }
        }
        return built;
    }

    private List<String> names(Connection c) throws SQLException {
        if (recorded(c) == 0) {
            return List.of();
        }
        return Sql.queryStrings(c, "SELECT index_name FROM " + tables.t("sark_migration_deferred_indexes") + " ORDER BY index_name");
    }

    /** Builds one recorded index (unless it exists) with at least {@value #BUILD_MEMORY} of maintenance memory. */
    private int restoreOne(Connection c, String name) throws SQLException {
        String definition = Sql.queryString(c, "SELECT definition FROM " + tables.t("sark_migration_deferred_indexes")
                + " WHERE index_name = ?", name);
        int built = 0;
        if (definition != null && !Sql.queryBool(c, "SELECT to_regclass(?) IS NOT NULL", q(schema) + "." + q(name))) {
            Sql.queryString(c, "SELECT set_config('maintenance_work_mem', ?, true)"
                    + " WHERE pg_size_bytes(current_setting('maintenance_work_mem')) < pg_size_bytes(?)", BUILD_MEMORY, BUILD_MEMORY);
            Sql.exec(c, definition);
            built = 1;
        }
        Sql.update(c, "DELETE FROM " + tables.t("sark_migration_deferred_indexes") + " WHERE index_name = ?", name);
        return built;
    }
}
