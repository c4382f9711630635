package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class ApiKeyDao {

    private final DaoContext context;

    public ApiKeyDao(DaoContext context) {
        this.context = context;
    }
}
