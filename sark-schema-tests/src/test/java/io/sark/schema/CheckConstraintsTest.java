package io.sark.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value a CHECK guards is rejected (SQLSTATE 23514); valid values next to them are accepted. */
@SarkDatabaseTest
class CheckConstraintsTest {

    @BeforeAll
    static void seed(DataSource ds) throws SQLException {
        Sql.exec(ds,
                "INSERT INTO resources (id, name, protocol, endpoint) VALUES ('r1', 'r', 'mcp', 'npx x')",
                "INSERT INTO capabilities (id, resource_id, name) VALUES ('c1', 'r1', 'tool')",
                "INSERT INTO principal_budgets (principal_id) VALUES ('p1')");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO resources (id, name, protocol, endpoint) VALUES ('x', 'n', 'MCP', 'e')",
        "INSERT INTO resources (id, name, protocol, endpoint) VALUES ('x', 'n', 'my-proto', 'e')",
        "INSERT INTO resources (id, name, protocol, endpoint) VALUES ('x', 'n', '1http', 'e')",
        "INSERT INTO resources (id, name, protocol, endpoint) VALUES ('x', 'n', '', 'e')",
        "INSERT INTO resources (id, name, protocol, endpoint, sensitivity_level) VALUES ('x', 'n', 'mcp', 'e', 'HIGH')",
        "INSERT INTO resources (id, name, protocol, endpoint, sensitivity_level) VALUES ('x', 'n', 'mcp', 'e', 'extreme')",
        "INSERT INTO resources (id, name, protocol, endpoint, metadata) VALUES ('x', 'n', 'mcp', 'e', '[]')",
        "INSERT INTO capabilities (id, resource_id, name, sensitivity_level) VALUES ('x', 'r1', 'n', 'secret')",
        "INSERT INTO capabilities (id, resource_id, name, input_schema) VALUES ('x', 'r1', 'n', '[1]')",
        "INSERT INTO capabilities (id, resource_id, name, output_schema) VALUES ('x', 'r1', 'n', '\"text\"')",
        "INSERT INTO capabilities (id, resource_id, name, metadata) VALUES ('x', 'r1', 'n', 'null')",
        "INSERT INTO federation_nodes (id, node_id, name, endpoint, trust_anchor_cert, rate_limit_per_hour) VALUES (gen_random_uuid(), 'n', 'n', 'e', 'AAAA', -1)",
        "INSERT INTO federation_nodes (id, node_id, name, endpoint, trust_anchor_cert, metadata) VALUES (gen_random_uuid(), 'n', 'n', 'e', 'AAAA', '[]')",
        "INSERT INTO principal_budgets (principal_id, daily_budget) VALUES ('x', -0.01)",
        "INSERT INTO principal_budgets (principal_id, monthly_budget) VALUES ('x', -1)",
        "INSERT INTO principal_budgets (principal_id, daily_spent) VALUES ('x', -0.00000001)",
        "INSERT INTO principal_budgets (principal_id, monthly_reserved) VALUES ('x', -1)",
        "INSERT INTO principal_budgets (principal_id, currency) VALUES ('x', 'usd')",
        "INSERT INTO principal_budgets (principal_id, currency) VALUES ('x', 'US')",
        "INSERT INTO principal_budgets (principal_id, currency) VALUES ('x', 'U5D')",
        "INSERT INTO budget_reservations (principal_id, amount, currency, expires_at) VALUES ('p1', 0, 'USD', now())",
        "INSERT INTO budget_reservations (principal_id, amount, currency, expires_at) VALUES ('p1', 1, 'eur', now())",
        "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, estimated_cost) VALUES ('p1', 'r1', 'c1', -0.1)",
        "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, actual_cost) VALUES ('p1', 'r1', 'c1', -0.00000001)",
        "INSERT INTO cost_tracking (principal_id, resource_id, capability_id) VALUES ('p1', 'r1', 'c1')",
        "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, actual_cost, currency) VALUES ('p1', 'r1', 'c1', 1, 'Usd')",
        "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, actual_cost, metadata) VALUES ('p1', 'r1', 'c1', 1, '\"x\"')",
        "INSERT INTO audit_events (id, event_type, estimated_cost) VALUES (gen_random_uuid(), 'tool_invoked', -1)",
    })
    void rejectsValuesOutsideTheDomain(String statement, DataSource ds) throws SQLException {
        assertThat(Sql.sqlStateOf(ds, statement)).as(statement).isEqualTo("23514");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO resources (id, name, protocol, endpoint) VALUES ('x', 'n', 'custom_adapter2', 'e')",
        "INSERT INTO resources (id, name, protocol, endpoint, sensitivity_level) VALUES ('x', 'n', 'grpc', 'e', 'critical')",
        "INSERT INTO capabilities (id, resource_id, name, input_schema) VALUES ('x', 'r1', 'n', '{\"type\":\"object\"}')",
        "INSERT INTO principal_budgets (principal_id, daily_budget, monthly_budget, currency) VALUES ('x', 0, NULL, 'EUR')",
        "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, estimated_cost) VALUES ('p1', 'r1', 'c1', 0)",
        "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, actual_cost) VALUES ('p1', 'gone', 'gone', 0.00000001)",
        "INSERT INTO federation_nodes (id, node_id, name, endpoint, trust_anchor_cert, rate_limit_per_hour) VALUES (gen_random_uuid(), 'n', 'n', 'e', 'AAAA', NULL)",
    })
    void acceptsValuesInsideTheDomain(String statement, DataSource ds) throws SQLException {
        assertThat(Sql.sqlStateOf(ds, statement)).as(statement).isNull();
    }

    @Test
    void sixteenthsOfACentAreStoredAndSummedExactly(DataSource ds) throws SQLException {
        Sql.exec(ds,
                "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, actual_cost) "
                        + "SELECT 'p1', 'r1', 'c1', 0.00003 FROM generate_series(1, 3)");
        assertThat(Sql.value(ds, "SELECT sum(actual_cost) FROM cost_tracking")).isEqualTo("0.00009000");
    }

    @Test
    void aCostRowNeedsABudgetRowForItsPrincipal(DataSource ds) throws SQLException {
        assertThat(Sql.sqlStateOf(ds,
                "INSERT INTO cost_tracking (principal_id, resource_id, capability_id, actual_cost) VALUES ('nobody', 'r1', 'c1', 1)"))
                .isEqualTo("23503");
    }
}
