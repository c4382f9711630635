package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** mv_daily_cost_summary: UTC days whatever the session TimeZone, one amount rule, concurrent refresh. */
@SarkDatabaseTest
class DailyCostViewTest {

    @Test
    void groupsByUtcDayProtocolAndCurrencyAndRefreshesConcurrently(DataSource ds) throws SQLException {
        Sql.exec(ds,
                "INSERT INTO resources (id, name, protocol, endpoint) VALUES ('r-http', 'api', 'http', 'https://x')",
                "INSERT INTO capabilities (id, resource_id, name) VALUES ('c-http', 'r-http', 'get')",
                "INSERT INTO principal_budgets (principal_id) VALUES ('alice')",
                // 23:30 UTC on the 1st is already the 2nd in Tokyo and still the 1st in Los Angeles
                "SET TIME ZONE 'Asia/Tokyo'",
                "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, \"timestamp\", estimated_cost, actual_cost) VALUES "
                        + "('alice', 'r-http', 'c-http', '2026-03-01 23:30:00+00', 0.5, 0.25),"
                        + "('alice', 'r-http', 'c-http', '2026-03-01 00:10:00+00', 0.125, NULL),"
                        + "('alice', 'r-http', 'c-http', '2026-03-02 00:00:00+00', NULL, 1),"
                        + "('alice', 'deleted', 'deleted', '2026-03-01 12:00:00+00', NULL, 2)");
        Sql.exec(ds, "SET TIME ZONE 'America/Los_Angeles'", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv_daily_cost_summary");

        List<List<String>> rows = Sql.rows(ds, "SELECT date, principal_id, protocol, currency, invocation_count, total_cost "
                + "FROM mv_daily_cost_summary ORDER BY date, protocol");
        assertThat(rows).containsExactly(
                List.of("2026-03-01", "alice", "http", "USD", "2", "0.37500000"),
                List.of("2026-03-01", "alice", "unknown", "USD", "1", "2.00000000"),
                List.of("2026-03-02", "alice", "http", "USD", "1", "1.00000000"));

        // a second concurrent refresh after more rows (needs the unique index; fails without it)
        Sql.exec(ds, "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, \"timestamp\", actual_cost) "
                + "VALUES ('alice', 'r-http', 'c-http', '2026-03-02 08:00:00+00', 1)",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY mv_daily_cost_summary");
        assertThat(Sql.value(ds, "SELECT total_cost FROM mv_daily_cost_summary WHERE date = '2026-03-02'"))
                .isEqualTo("2.00000000");
    }
}
