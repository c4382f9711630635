package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class McpCatalogDao {

    private final DaoContext context;

    public McpCatalogDao(DaoContext context) {
        this.context = context;
    }
}
