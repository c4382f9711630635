package io.sark.migration;

import io.sark.schema.SarkSchema;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import io.sark.testkit.v1.V1Dataset;
import io.sark.testkit.v1.V1DatasetSummary;
import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

/** A database with a v1 dataset in schema "public" and a fresh SDK schema "sark". */
final class Fixture implements AutoCloseable {

    final TestDatabase db;
    final V1DatasetSummary data;

    private Fixture(TestDatabase db, V1DatasetSummary data) {
        this.db = db;
        this.data = data;
    }

    static Fixture create(V1Shape shape, int servers, int tools, Set<V1EdgeCase> edges) {
        TestDatabase db = SarkTestDatabases.shared().createEmpty();
        V1DatasetSummary s = V1Dataset.builder().shape(shape).schema("public").servers(servers).toolsPerServer(tools)
                .edgeCases(edges).build().create(db.dataSource());
        SarkSchema.configure().dataSource(db.dataSource()).schema("sark").load().migrate();
        return new Fixture(db, s);
    }

    static Fixture allEdges(V1Shape shape) {
        return create(shape, 40, 3, EnumSet.allOf(V1EdgeCase.class));
    }

    V1ToV2Migration.Builder migration() {
        return V1ToV2Migration.builder().dataSource(db.dataSource()).v1Schema("public").targetSchema("sark");
    }

    String one(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Every index definition of sark.resources and sark.capabilities, one per line, by name. */
    String indexes() {
        return one("SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes"
                + " WHERE schemaname = 'sark' AND tablename IN ('resources', 'capabilities')");
    }

    long count(String sql) {
        return Long.parseLong(one(sql));
    }

    void exec(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** md5 over every row of a table in a fixed order (the whole row text). */
    String checksum(String table) {
        return one("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t");
    }

    /** Checksum of the v2 catalogue plus provenance. */
    String v2State() {
        return checksum("sark.resources") + checksum("sark.capabilities") + one("SELECT md5(coalesce(string_agg(kind || ':' || id, ',' ORDER BY kind, id), '')) "
                + "FROM sark.sark_migration_rows");
    }

    String v1State() {
        StringBuilder sb = new StringBuilder();
        for (String t : new String[] {"mcp_servers", "mcp_tools", "users", "teams", "user_teams"}) {
            sb.append(checksum("public." + t));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        db.close();
    }
}
