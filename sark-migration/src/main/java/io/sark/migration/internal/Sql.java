package io.sark.migration.internal;

import io.sark.schema.SchemaNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers. Not API. */
public final class Sql {

    private Sql() {
    }

    /** A double-quoted identifier. */
    public static String q(String identifier) {
        return SchemaNames.quote(identifier);
    }

    /** The message of {@code e} on one line (its class name when it has none). */
    public static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** A single-quoted literal. */
    public static String lit(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static long queryLong(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    public static String queryString(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static boolean queryBool(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Rows as ordered maps of column label to value (JDBC objects; PGobject rendered as its text). */
    public static List<Map<String, Object>> queryMaps(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof org.postgresql.util.PGobject pg) {
                        v = pg.getValue();
                    } else if (v instanceof java.sql.Timestamp ts) {
                        v = ts.toInstant().toString();
                    } else if (v instanceof java.util.UUID u) {
                        v = u.toString();
                    } else if (v instanceof java.sql.Array a) {
                        v = List.of((Object[]) a.getArray());
                    }
                    row.put(rs.getMetaData().getColumnLabel(i), v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public static List<String> queryStrings(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    public static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** Whether {@code schema.table} exists. */
    public static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        return queryBool(c, "SELECT to_regclass(?) IS NOT NULL", q(schema) + "." + q(table));
    }

    /** Whether {@code schema.table} has {@code column}. */
    public static boolean columnExists(Connection c, String schema, String table, String column) throws SQLException {
        return queryBool(c, "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                + "AND column_name = ?)", schema, table, column);
    }

    /** The formatted type of a column, or null. */
    public static String columnType(Connection c, String schema, String table, String column) throws SQLException {
        return queryString(c, "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? AND r.relname = ? AND a.attname = ? "
                + "AND NOT a.attisdropped", schema, table, column);
    }
}
