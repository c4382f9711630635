package io.sark.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Tiny JDBC helpers for schema tests (each call on its own autocommit connection). */
final class Sql {

    private Sql() {
    }

    static void exec(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** The SQLSTATE the statement fails with, or null if it succeeds (its effects are rolled back). */
    static String sqlStateOf(DataSource ds, String statement) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(statement);
                return null;
            } catch (SQLException e) {
                return e.getSQLState();
            } finally {
                c.rollback();
            }
        }
    }

    /** The rows of {@code query}, run in a transaction block (which Citus needs to carry SET LOCAL to workers). */
    static List<List<String>> rows(DataSource ds, String query) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
                List<List<String>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                c.commit();
                return rows;
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
    }

    static String value(DataSource ds, String query) throws SQLException {
        List<List<String>> rows = rows(ds, query);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }
}
