package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class PolicyDao {

    private final DaoContext context;

    public PolicyDao(DaoContext context) {
        this.context = context;
    }
}
