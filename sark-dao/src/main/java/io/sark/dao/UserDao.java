package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class UserDao {

    private final DaoContext context;

    public UserDao(DaoContext context) {
        this.context = context;
    }
}
