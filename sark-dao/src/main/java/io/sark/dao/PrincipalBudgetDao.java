package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class PrincipalBudgetDao {

    private final DaoContext context;

    public PrincipalBudgetDao(DaoContext context) {
        this.context = context;
    }
}
