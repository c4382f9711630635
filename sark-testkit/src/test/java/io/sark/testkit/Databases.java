package io.sark.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Test helper: what exists on the shared test server, asked of the server itself. */
final class Databases {

    private Databases() {
    }

    static PostgresServer server() {
        return SarkTestDatabases.shared().server();
    }

    static boolean exists(String name) {
        try (Connection c = server().connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> existing(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (exists(n)) {
                out.add(n);
            }
        }
        return out;
    }

    static List<String> withPrefix(String prefix) {
        return namesWithPrefix("SELECT datname FROM pg_database ORDER BY datname", prefix);
    }

    /** Schemas of the server's maintenance database named {@code prefix_...}. */
    static List<String> schemasWithPrefix(String prefix) {
        return namesWithPrefix("SELECT nspname FROM pg_namespace ORDER BY nspname", prefix);
    }

    private static List<String> namesWithPrefix(String query, String prefix) {
        List<String> out = new ArrayList<>();
        try (Connection c = server().connect(server().maintenanceDatabase()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                if (rs.getString(1).startsWith(prefix + "_")) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static void execute(String database, String sql) {
        try (Connection c = server().connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
