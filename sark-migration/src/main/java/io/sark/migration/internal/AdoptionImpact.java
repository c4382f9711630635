package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.AdoptResult.RowChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code schema adopt} (SDK migrations V6-V9 on a v1 database) changes in existing tables and rows, read from
 * the database before anything happens. Kept in step with V6__protocol_adapters.sql and
 * V7__federation_costs_budgets.sql of sark-schema (AdoptionImpactTest applies them and compares). Not API.
 */
public final class AdoptionImpact {

    /** V6's unique constraints renamed to the index names the ORM uses: table, old, new. */
    private static final String[][] RENAMED = {{"users", "users_email_key", "ix_users_email"}, {"teams", "teams_name_key", "ix_teams_name"},
            {"mcp_servers", "mcp_servers_consul_id_key", "ix_mcp_servers_consul_id"},
            {"api_keys", "api_keys_key_prefix_key", "ix_api_keys_key_prefix"}, {"policies", "policies_name_key", "ix_policies_name"}};
    /** V7's policy rule: the active versions that are neither the one the policy points at nor (else) the highest. */
    private static final String EXTRA_ACTIVE = "FROM %1$s.policy_versions v WHERE v.is_active AND v.id <> COALESCE("
            + "(SELECT p.current_version_id FROM %1$s.policies p JOIN %1$s.policy_versions cur ON cur.id = p.current_version_id AND cur.is_active "
            + "WHERE p.id = v.policy_id), (SELECT a.id FROM %1$s.policy_versions a WHERE a.policy_id = v.policy_id AND a.is_active "
            + "ORDER BY a.version DESC LIMIT 1))";

    private final Connection c;
    private final String schema;

    public AdoptionImpact(Connection c, String schema) {
        this.c = c;
        this.schema = schema;
    }

    private boolean has(String table) throws SQLException {
        return Sql.tableExists(c, schema, table);
    }

    /** Every existing table adopt changes, and how (one line each). */
    public List<String> tableChanges() throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : RENAMED) {
            if (Sql.queryBool(c, "SELECT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n "
                    + "ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ? AND k.conname = ?)", schema, r[0], r[1])) {
                out.add(r[0] + ": unique constraint " + r[1] + " dropped (duplicate of " + r[2] + ", which becomes the unique constraint)");
            }
        }
        if (has("audit_events")) {
            out.add("audit_events: columns principal_org, resource_protocol, capability_id, correlation_id, source_node, target_node, "
                    + "estimated_cost, actual_cost added; CHECK ck_audit_events_costs; 5 indexes; primary key (id) becomes (id, timestamp)");
            out.add("audit_events: append-only triggers: UPDATE, DELETE and TRUNCATE are refused (SQLSTATE SK001); old rows are removed "
                    + "only with SELECT sark_purge_audit_events('audit_events', <cutoff>)");
        }
        if (has("gateway_audit_events")) {
            out.add("gateway_audit_events: timestamp, created_at retyped TIMESTAMP -> TIMESTAMPTZ (stored values read as UTC); "
                    + "primary key (id) becomes (id, timestamp)");
            out.add("gateway_audit_events: append-only triggers as for audit_events (purge: sark_purge_audit_events('gateway_audit_events', <cutoff>))");
        }
        if (has("api_keys")) {
            out.add("api_keys: expires_at, last_used_at, created_at, updated_at, revoked_at retyped TIMESTAMP -> TIMESTAMPTZ (stored values read as UTC)");
        }
        out.add("type auditeventtype: labels cross_org_request, cross_org_authorization, cost_limit_exceeded, federation_node_trusted, "
                + "federation_node_revoked added");
        if (has("policy_versions")) {
            out.add("policy_versions: unique index ix_policy_versions_one_active (at most one active version per policy)");
        }
        out.add("new: tables resources, capabilities, federation_nodes, principal_budgets, budget_reservations, cost_tracking, cost_idempotency; "
                + "materialized view mv_daily_cost_summary; functions sark_audit_append_only, sark_purge_audit_events");
        return out;
    }

    /** Every existing row adopt changes, counted (only kinds with at least one row). */
    public List<RowChange> rowChanges() throws SQLException {
        List<RowChange> out = new ArrayList<>();
        if (has("policy_versions") && has("policies")) {
            long n = Sql.queryLong(c, "SELECT count(*) " + EXTRA_ACTIVE.formatted(q(schema)));
            if (n > 0) {
                out.add(new RowChange("policy_versions", "is_active set to false: a second active version of a policy (the version the policy "
                        + "points at, else the highest, stays active)", n,
                        Sql.queryStrings(c, "SELECT v.id::text " + EXTRA_ACTIVE.formatted(q(schema)) + " ORDER BY 1 LIMIT 50")));
            }
        }
        retyped(out, "gateway_audit_events", "\"timestamp\" IS NOT NULL OR created_at IS NOT NULL");
        retyped(out, "api_keys", "expires_at IS NOT NULL OR last_used_at IS NOT NULL OR created_at IS NOT NULL OR updated_at IS NOT NULL "
                + "OR revoked_at IS NOT NULL");
        return out;
    }

    private void retyped(List<RowChange> out, String table, String where) throws SQLException {
        if (has(table)) {
            long n = Sql.queryLong(c, "SELECT count(*) FROM " + q(schema) + "." + q(table) + " WHERE " + where);
            if (n > 0) {
                out.add(new RowChange(table, "timestamps converted TIMESTAMP -> TIMESTAMPTZ, the stored wall-clock values taken as UTC", n, List.of()));
            }
        }
    }
}
