package io.sark.dao;

import io.sark.dao.internal.DaoContext;
import org.jooq.DSLContext;

/**
 * DAOs bound to one database transaction, handed to the callbacks of {@link SarkDatabase#inTransaction} and
 * {@link SarkDatabase#useTransaction}. Valid only inside the callback.
 */
public final class SarkTransaction extends Daos {

    SarkTransaction(DaoContext context) {
        super(context);
    }

    /** The transaction's jOOQ context, for queries the DAOs do not offer (advanced use). */
    public DSLContext dsl() {
        return context.dsl();
    }












}
