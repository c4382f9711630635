package io.sark.example.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.model.Protocol;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.data.SarkData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The README's "Test with sark-testkit" example, compiled and run, with the part the README leaves out. */
@SarkDatabaseTest                        // a fresh, migrated database for this class
class MyAdapterTest {
    @Test
    void registersTools(DataSource dataSource, SarkData data) throws Exception {
        data.resource().protocol(Protocol.HTTP).withCapabilities(3).insert();
        // ... exercise your code against dataSource ...
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM capabilities c JOIN resources r ON r.id = c.resource_id "
                     + "WHERE r.protocol = 'http'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }
}
