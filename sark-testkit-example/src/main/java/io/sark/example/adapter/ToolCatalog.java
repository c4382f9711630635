package io.sark.example.adapter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An adapter team's own code (here: plain JDBC, no SARK dependency at all): the tools an adapter for one
 * protocol may expose, capped at a sensitivity, and the principals who ran over their daily budget. Its tests
 * use sark-testkit to get a real SARK database.
 */
public final class ToolCatalog {

    /** One exposable tool. */
    public record Tool(String resourceName, String capabilityName, String sensitivity) {
    }

    private static final List<String> LEVELS = List.of("low", "medium", "high", "critical");

    private final DataSource dataSource;

    public ToolCatalog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Tools of resources speaking {@code protocol} whose capability sensitivity is at most {@code maxLevel}. */
    public List<Tool> exposable(String protocol, String maxLevel) throws SQLException {
        int max = LEVELS.indexOf(maxLevel);
        if (max < 0) {
            throw new IllegalArgumentException("unknown sensitivity: " + maxLevel);
        }
        String sql = "SELECT r.name, c.name, c.sensitivity_level FROM resources r"
                + " JOIN capabilities c ON c.resource_id = r.id"
                + " WHERE r.protocol = ? AND c.sensitivity_level = ANY (?) ORDER BY r.name, c.name";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, protocol);
            ps.setArray(2, c.createArrayOf("varchar", LEVELS.subList(0, max + 1).toArray()));
            List<Tool> tools = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tools.add(new Tool(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return tools;
        }
    }

    /** Principals whose ledger rows since the start of their daily window exceed their daily budget. */
    public List<String> overDailyBudget() throws SQLException {
        String sql = "SELECT b.principal_id FROM principal_budgets b"
                + " JOIN cost_tracking t ON t.principal_id = b.principal_id AND t.\"timestamp\" >= b.last_daily_reset"
                + " WHERE b.daily_budget IS NOT NULL"
                + " GROUP BY b.principal_id, b.daily_budget"
                + " HAVING sum(COALESCE(t.actual_cost, t.estimated_cost)) > b.daily_budget ORDER BY 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> principals = new ArrayList<>();
            while (rs.next()) {
                principals.add(rs.getString(1));
            }
            return principals;
        }
    }
}
