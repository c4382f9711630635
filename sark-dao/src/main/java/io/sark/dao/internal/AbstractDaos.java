package io.sark.dao.internal;

import io.sark.dao.ApiKeyDao;
import io.sark.dao.AuditEventDao;
import io.sark.dao.CapabilityDao;
import io.sark.dao.CostLedgerDao;
import io.sark.dao.FederationNodeDao;
import io.sark.dao.GatewayAuditEventDao;
import io.sark.dao.McpCatalogDao;
import io.sark.dao.PolicyDao;
import io.sark.dao.PrincipalBudgetDao;
import io.sark.dao.ResourceDao;
import io.sark.dao.SarkDaos;
import io.sark.dao.TeamDao;
import io.sark.dao.UserDao;

/** Builds each DAO over one {@link DaoContext}; DAOs are cheap, stateless views. Internal. */
public abstract class AbstractDaos implements SarkDaos {

    protected final DaoContext context;

    protected AbstractDaos(DaoContext context) {
        this.context = context;
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
