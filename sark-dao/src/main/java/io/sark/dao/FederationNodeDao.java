package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class FederationNodeDao {

    private final DaoContext context;

    public FederationNodeDao(DaoContext context) {
        this.context = context;
    }
}
