package io.sark.dao.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * What every DAO needs: the jOOQ context (bound to a transaction inside {@code inTransaction}), the clock,
 * the schema name and the metrics to report to; outside a caller's transaction also the combiners that batch a hot
 * principal's charges ({@code tryCharge} and {@code charge}) and the principals known to have a budget row (null
 * inside one: its charges are the caller's statements, in the caller's order, and what it writes may roll back). Internal: not part of the SDK's API.
 */
public record DaoContext(DSLContext dsl, Clock clock, String schema, ChargeCombiner<Boolean> charges,
                         ChargeCombiner<ChargeProtocol.Attempt> chargesWithStatus, KnownBudgets budgeted, DaoMetrics metrics) {

    /** A context of a database (not of a transaction), with its own charge combiners and these metrics. */
    public DaoContext(DSLContext dsl, Clock clock, String schema, DaoMetrics metrics) {
        this(dsl, clock, schema, new ChargeCombiner<>(), new ChargeCombiner<>(), new KnownBudgets(), metrics);
    }

    /** A context of a database without metrics. */
    public DaoContext(DSLContext dsl, Clock clock, String schema) {
        this(dsl, clock, schema, DaoMetrics.NONE);
    }

    /** "Now" from the configured clock, in UTC. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The same settings over another jOOQ context (e.g. a transaction's). */
    public DaoContext with(DSLContext other) {
        return new DaoContext(other, clock, schema, null, null, null, metrics);
    }
}
