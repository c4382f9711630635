package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The catalog-level rules of shared/design/scale-out-rules.md that keep the schema usable as TimescaleDB
 * hypertables and Citus distributed tables (neither extension can run on our build machines).
 */
@SarkDatabaseTest
class KeyRulesTest {

    private static final String UNIQUE_INDEX_COLUMNS = """
            SELECT i.relname, array_to_string(array_agg(a.attname ORDER BY k.ord), ',')
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_class i ON i.oid = x.indexrelid
            CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE n.nspname = current_schema() AND t.relname = '%s' AND x.indisunique
            GROUP BY i.relname
            """;

    @Test
    void everyUniqueKeyOfATimeSeriesTableContainsItsTimeColumn(DataSource ds) throws SQLException {
        for (String table : List.of("audit_events", "gateway_audit_events", "cost_tracking")) {
            List<List<String>> keys = Sql.rows(ds, UNIQUE_INDEX_COLUMNS.formatted(table));
            assertThat(keys).as(table).isNotEmpty();
            assertThat(keys).as(table).allSatisfy(k -> assertThat(k.get(1).split(",")).contains("timestamp"));
        }
    }

    @Test
    void everyUniqueKeyOfAPerPrincipalTableLeadsWithPrincipalId(DataSource ds) throws SQLException {
        for (String table : List.of("cost_tracking", "principal_budgets", "budget_reservations", "cost_idempotency")) {
            List<List<String>> keys = Sql.rows(ds, UNIQUE_INDEX_COLUMNS.formatted(table));
            assertThat(keys).as(table).isNotEmpty();
            assertThat(keys).as(table).allSatisfy(k -> assertThat(k.get(1)).startsWith("principal_id"));
        }
        assertThat(Sql.rows(ds, UNIQUE_INDEX_COLUMNS.formatted("cost_tracking")))
                .containsExactly(List.of("cost_tracking_pkey", "principal_id,timestamp,id"));
    }

    @Test
    void principalIdHasOneTypeEverywhere(DataSource ds) throws SQLException {
        assertThat(Sql.rows(ds, """
                SELECT DISTINCT format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND a.attname = 'principal_id' AND t.relkind = 'r'
                """)).containsExactly(List.of("character varying(255)"));
    }

    @Test
    void noForeignKeyPointsIntoTheLedgerOrTheAuditTables(DataSource ds) throws SQLException {
        assertThat(Sql.rows(ds, """
                SELECT c.conname FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid
                JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE c.contype = 'f' AND n.nspname = current_schema()
                  AND r.relname IN ('cost_tracking', 'audit_events', 'gateway_audit_events')
                """)).isEmpty();
    }

    @Test
    void ledgerIdsAreBigintIdentities(DataSource ds) throws SQLException {
        assertThat(Sql.rows(ds, """
                SELECT t.relname, format_type(a.atttypid, a.atttypmod), a.attidentity
                FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND a.attname = 'id' AND t.relname IN ('cost_tracking', 'budget_reservations')
                ORDER BY 1
                """)).containsExactly(List.of("budget_reservations", "bigint", "a"), List.of("cost_tracking", "bigint", "a"));
    }

    @Test
    void timeSeriesTablesAreWhatThePlatformMakesThem(DataSource ds) throws SQLException {
        Platform platform = Platform.expected();
        assertThat(Sql.rows(ds, "SELECT extname FROM pg_extension WHERE extname IN ('timescaledb', 'citus')"))
                .containsExactlyElementsOf(switch (platform) {
                    case TIMESCALEDB -> List.of(List.of("timescaledb"));
                    case CITUS -> List.of(List.of("citus"));
                    default -> List.of();
                });
        assertThat(Sql.rows(ds, """
                SELECT relname, relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND relname IN ('audit_events', 'gateway_audit_events', 'cost_tracking') ORDER BY 1
                """)).containsExactly(List.of("audit_events", "r"), List.of("cost_tracking", "r"), List.of("gateway_audit_events", "r"));
        if (platform == Platform.TIMESCALEDB) {
            assertThat(Sql.rows(ds, """
                    SELECT hypertable_name FROM timescaledb_information.hypertables
                    WHERE hypertable_schema = current_schema() ORDER BY 1
                    """)).containsExactly(List.of("audit_events"), List.of("cost_tracking"), List.of("gateway_audit_events"));
        }
        if (platform == Platform.CITUS) {
            // reference tables for the catalogue (rule 5), distributed by principal or id for the rest (rules 3-4)
            // repmodel 't': a reference table, not the Citus local table a foreign key alone would make
            assertThat(Sql.rows(ds, """
                    SELECT c.relname, p.partmethod || p.repmodel, coalesce(a.attname, '') FROM pg_dist_partition p
                    JOIN pg_class c ON c.oid = p.logicalrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = column_to_column_name(p.logicalrelid, p.partkey)
                    WHERE n.nspname = current_schema() ORDER BY 1
                    """)).contains(List.of("audit_events", "hs", "id"), List.of("budget_reservations", "hs", "principal_id"),
                    List.of("capabilities", "nt", ""), List.of("cost_tracking", "hs", "principal_id"),
                    List.of("federation_nodes", "nt", ""), List.of("gateway_audit_events", "hs", "id"),
                    List.of("principal_budgets", "hs", "principal_id"), List.of("resources", "nt", ""));
        }
    }
}
