package io.sark.dao;

import io.sark.dao.internal.DaoContext;
import org.jooq.DSLContext;

/**
 * DAOs bound to one database transaction, handed to the callbacks of {@link SarkDatabase#inTransaction} and
 * {@link SarkDatabase#useTransaction}. Valid only inside the callback.
 */
public final class SarkTransaction implements SarkDaos {

    private final Daos daos;

    SarkTransaction(DaoContext context) {
        this.daos = new Daos(context);
    }

    /** The transaction's jOOQ context, for queries the DAOs do not offer (advanced use). */
    public DSLContext dsl() {
        return daos.context().dsl();
    }

    @Override
    public ResourceDao resources() {
        return daos.resources();
    }

    @Override
    public CapabilityDao capabilities() {
        return daos.capabilities();
    }

    @Override
    public FederationNodeDao federationNodes() {
        return daos.federationNodes();
    }

    @Override
    public AuditEventDao auditEvents() {
        return daos.auditEvents();
    }

    @Override
    public GatewayAuditEventDao gatewayAuditEvents() {
        return daos.gatewayAuditEvents();
    }

    @Override
    public ApiKeyDao apiKeys() {
        return daos.apiKeys();
    }

    @Override
    public PolicyDao policies() {
        return daos.policies();
    }

    @Override
    public UserDao users() {
        return daos.users();
    }

    @Override
    public TeamDao teams() {
        return daos.teams();
    }

    @Override
    public McpCatalogDao mcpCatalog() {
        return daos.mcpCatalog();
    }

    @Override
    public CostLedgerDao costs() {
        return daos.costs();
    }

    @Override
    public PrincipalBudgetDao budgets() {
        return daos.budgets();
    }
}
