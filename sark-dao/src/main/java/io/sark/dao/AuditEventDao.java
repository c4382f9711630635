package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class AuditEventDao {

    private final DaoContext context;

    public AuditEventDao(DaoContext context) {
        this.context = context;
    }
}
