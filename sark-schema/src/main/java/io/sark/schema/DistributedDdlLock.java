package io.sark.schema;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * On a database with Citus, one SARK migration at a time per database: each migration's transaction first takes
 * a transaction-scoped advisory lock shared by every SARK schema of the database. Citus' distributed DDL
 * ({@code create_distributed_table}, triggers on distributed tables) locks tables co-located across schemas, so
 * two schemas migrated at once could deadlock each other; Flyway's own lock only serialises one schema. The lock
 * ends with the transaction, so nothing is left held on a pooled connection; without Citus nothing is locked.
 */
final class DistributedDdlLock extends BaseCallback {

    /** The advisory lock key ("SARKDDL1" in ASCII); advisory keys are scoped to the current database. */
    static final long KEY = 0x5341_524B_4444_4C31L;

    private static final String LOCK_IF_CITUS =
            "SELECT pg_advisory_xact_lock(" + KEY + ") FROM pg_extension WHERE extname = 'citus'";

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement st = context.getConnection().createStatement()) {
            st.execute(LOCK_IF_CITUS);
        } catch (SQLException e) {
            throw new FlywayException("cannot take the SARK migration lock: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "sark-distributed-ddl-lock";
    }
}
