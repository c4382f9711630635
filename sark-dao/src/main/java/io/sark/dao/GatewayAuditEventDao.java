package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class GatewayAuditEventDao {

    private final DaoContext context;

    public GatewayAuditEventDao(DaoContext context) {
        this.context = context;
    }
}
