package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/**
 * Builds each DAO over one {@link DaoContext} (DAOs are cheap, stateless views); the one place DAOs are
 * constructed, behind {@link SarkDatabase} and {@link SarkTransaction}.
 */
final class Daos implements SarkDaos {

    private final DaoContext context;

    Daos(DaoContext context) {
        this.context = context;
    }

    DaoContext context() {
        return context;
    }

    @Override
    public ResourceDao resources() {
        return new ResourceDao(context);
    }

    @Override
    public CapabilityDao capabilities() {
        return new CapabilityDao(context);
    }

    @Override
    public FederationNodeDao federationNodes() {
        return new FederationNodeDao(context);
    }

    @Override
    public AuditEventDao auditEvents() {
        return new AuditEventDao(context);
    }

    @Override
    public GatewayAuditEventDao gatewayAuditEvents() {
        return new GatewayAuditEventDao(context);
    }

    @Override
    public ApiKeyDao apiKeys() {
        return new ApiKeyDao(context);
    }

    @Override
    public PolicyDao policies() {
        return new PolicyDao(context);
    }

    @Override
    public UserDao users() {
        return new UserDao(context);
    }

    @Override
    public TeamDao teams() {
        return new TeamDao(context);
    }

    @Override
    public McpCatalogDao mcpCatalog() {
        return new McpCatalogDao(context);
    }

    @Override
    public CostLedgerDao costs() {
        return new CostLedgerDao(context);
    }

    @Override
    public PrincipalBudgetDao budgets() {
        return new PrincipalBudgetDao(context);
    }
}
