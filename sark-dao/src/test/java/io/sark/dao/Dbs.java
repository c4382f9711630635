package io.sark.dao;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * {@code Dbs.using(ds)} bound to the schema the testkit migrated for the test: {@code sark} when each test
 * class has a database of its own, a unique schema under schema isolation (Citus).
 */
public final class Dbs {

    private Dbs() {
    }

    public static SarkDatabase using(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return SarkDatabase.using(ds).withSchema(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
