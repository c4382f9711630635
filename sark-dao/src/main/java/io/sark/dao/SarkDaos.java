package io.sark.dao;

/**
 * The DAOs of the SDK. {@link SarkDatabase} hands out DAOs that run each call in its own transaction;
 * a {@link SarkTransaction} hands out DAOs bound to that transaction.
 */
public interface SarkDaos {

    /** Governed resources (any protocol). */
    ResourceDao resources();

    /** Capabilities of resources. */
    CapabilityDao capabilities();

    /** Trusted federation nodes. */
    FederationNodeDao federationNodes();

    /** The append-only audit trail ({@code audit_events}). */
    AuditEventDao auditEvents();

    /** The append-only gateway audit trail ({@code gateway_audit_events}). */
    GatewayAuditEventDao gatewayAuditEvents();

    /** API keys. */
    ApiKeyDao apiKeys();

    /** Policies and their versions. */
    PolicyDao policies();

    /** Users. */
    UserDao users();

    /** Teams and memberships. */
    TeamDao teams();

    /** Read access to the SARK v1 catalogue ({@code mcp_servers}, {@code mcp_tools}). */
    McpCatalogDao mcpCatalog();

    /** The per-invocation cost ledger. */
    CostLedgerDao costs();

    /** Principal budgets: limits, atomic charges, reservations. */
    PrincipalBudgetDao budgets();
}
