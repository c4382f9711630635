package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class TeamDao {

    private final DaoContext context;

    public TeamDao(DaoContext context) {
        this.context = context;
    }
}
