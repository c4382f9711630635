package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class ResourceDao {

    private final DaoContext context;

    public ResourceDao(DaoContext context) {
        this.context = context;
    }
}
