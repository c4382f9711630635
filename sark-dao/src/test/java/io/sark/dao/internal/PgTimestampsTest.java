package io.sark.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The charge path's timestamp binding gives the server the same instant as pgjdbc's own, for every kind of value. */
@SarkDatabaseTest
class PgTimestampsTest {

    private static final List<String> VALUES = List.of(
            "2026-12-02T00:00Z", "2026-12-01T00:00Z", "2026-12-02T13:45:07.123456Z", "2024-02-29T23:59:59.999999Z",
            "0001-01-01T00:00Z", "9999-12-31T23:59:59.999999Z", "1999-12-31T23:00:00.000001Z",
            // through pgjdbc: not UTC, finer than a microsecond, outside years 1-9999
            "2026-12-02T01:30:00.5+01:30", "2026-12-02T13:45:07.1234565Z", "-0044-03-15T12:00Z", "+12345-01-01T00:00Z");

    @Test
    void theServerReadsTheSameInstant(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ours = c.prepareStatement("select ?::timestamptz");
             PreparedStatement pgjdbc = c.prepareStatement("select ?::timestamptz")) {
            for (String v : VALUES) {
                OffsetDateTime t = OffsetDateTime.parse(v);
                PgTimestamps.bind(ours, 1, t);
                pgjdbc.setObject(1, t);
                assertThat(read(ours)).as(v).isEqualTo(read(pgjdbc)).isNotNull();
            }
        }
    }

    @Test
    void theTextIsPostgresqlsIsoForm() {
        assertThat(PgTimestamps.text(OffsetDateTime.parse("0042-03-04T05:06:07.000089Z"))).isEqualTo("0042-03-04 05:06:07.000089+00");
    }

    private static String read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
