package io.sark.dao.internal;

import io.sark.schema.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Calls {@code sark_purge_audit_events(regclass, cutoff)}. Internal. */
public final class Purge {

    /** The schema's {@code sark_audit_minimum_retention()}: the purge never deletes younger rows. */
    public static final Duration MINIMUM_RETENTION = Duration.ofDays(1);

    private Purge() {
    }

    public static long olderThan(DaoContext context, String table, Instant cutoff) {
        Check.notNull("cutoff", cutoff);
        if (cutoff.isAfter(context.clock().instant().minus(MINIMUM_RETENTION))) {
            throw new InvalidInputException("cutoff", "must be at least " + MINIMUM_RETENTION.toDays()
                    + " day in the past (the minimum audit retention), got " + cutoff);
        }
        String qualified = DSL.using(org.jooq.SQLDialect.POSTGRES).render(DSL.name(context.schema(), table));
        // in a transaction block: only there does Citus carry the purge's SET LOCAL mark to the workers
        return Tx.atomically(context, dsl -> {
            Long n = dsl.select(DSL.field("{0}({1}::regclass, {2})", SQLDataType.BIGINT,
                    DSL.name(context.schema(), "sark_purge_audit_events"), DSL.val(qualified),
                    DSL.val(Db.odt(Check.instant("cutoff", cutoff))))).fetchOne(0, Long.class);
            return n == null ? 0L : n;
        });
    }
}
