package io.sark.dao;

import io.sark.dao.internal.DaoContext;

/** Not implemented yet. */
public final class CapabilityDao {

    private final DaoContext context;

    public CapabilityDao(DaoContext context) {
        this.context = context;
    }
}
