package io.sark.dao.internal;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Runs several statements of one DAO call atomically: in a new transaction, or in a savepoint when the DAO is
 * already bound to a caller's transaction. Database errors are translated. Internal.
 */
public final class Tx {

    private Tx() {
    }

    public static <T> T atomically(DaoContext context, Function<DSLContext, T> work) {
        return Errors.translate(() -> context.dsl().transactionResult(cfg -> work.apply(DSL.using(cfg))));
    }

    /** The SQLSTATE of a failure, or null. */
    public static String sqlState(DataAccessException e) {
        java.sql.SQLException sql = e.getCause(java.sql.SQLException.class);
        return sql == null ? e.sqlState() : sql.getSQLState();
    }
}
