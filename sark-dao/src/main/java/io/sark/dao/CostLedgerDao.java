package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class CostLedgerDao {

    private final DaoContext context;

    public CostLedgerDao(DaoContext context) {
        this.context = context;
    }
}
