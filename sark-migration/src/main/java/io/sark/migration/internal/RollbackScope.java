package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a rollback deletes, per table, and the state rows it forgets with the migrated rows. Not API. */
public final class RollbackScope {

    private final Connection c;
    private final String target;
    private final String runFilter;

    /** {@code runFilter}: {@code ""} for all runs, else {@code " AND p.run_id = <n>"} (on the provenance alias {@code p}). */
    public RollbackScope(Connection c, String targetSchema, String runFilter) {
        this.c = c;
        this.target = targetSchema;
        this.runFilter = runFilter;
    }

    private String t(String table) {
        return q(target) + "." + q(table);
    }

    /**
     * Rows per table that the rollback deletes (with {@code --force} when it is refused): {@code capabilities}
     * (migrated), {@code capabilities_native} (native capabilities under migrated resources, deleted by the cascade),
     * {@code resources}, {@code sark_migration_rows} (provenance), {@code sark_migration_json} (kept JSON originals).
     */
    public Map<String, Long> counts(long nativeCapabilities) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("capabilities", Sql.queryLong(c, "SELECT count(*) FROM " + t("capabilities") + " cap JOIN " + t("sark_migration_rows")
                + " p ON p.kind = 2 AND cap.id = p.id::text" + runFilter));
        out.put("capabilities_native", nativeCapabilities);
        out.put("resources", Sql.queryLong(c, "SELECT count(*) FROM " + t("resources") + " r JOIN " + t("sark_migration_rows")
                + " p ON p.kind = 1 AND r.id = p.id::text" + runFilter));
        out.put("sark_migration_rows", Sql.queryLong(c, "SELECT count(*) FROM " + t("sark_migration_rows") + " p WHERE true" + runFilter));
        out.put(JsonOriginals.TABLE, Sql.tableExists(c, target, JsonOriginals.TABLE)
                ? Sql.queryLong(c, "SELECT count(*) FROM " + t(JsonOriginals.TABLE) + " p WHERE true" + runFilter) : 0L);
        return out;
    }

    /** Deletes the kept JSON originals of the runs rolled back (their v1 rows are untouched and still hold the text). */
    public void forgetJson() throws SQLException {
        if (Sql.tableExists(c, target, JsonOriginals.TABLE)) {
            Sql.update(c, "DELETE FROM " + t(JsonOriginals.TABLE) + " p WHERE true" + runFilter);
        }
    }
}
