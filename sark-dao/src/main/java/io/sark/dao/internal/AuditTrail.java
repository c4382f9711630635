package io.sark.dao.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.impl.DSL;

/**
 * What the two append-only audit DAOs share: chunked atomic appends, idempotent by event id, that return the rows
 * in the order given (pages are {@link TimeKeyset#page}). Internal.
 */
public final class AuditTrail {

    /** Rows per multi-row INSERT statement. */
    public static final int INSERT_CHUNK = 1000;

    private AuditTrail() {
    }

    /** One multi-row INSERT … RETURNING of at most {@value #INSERT_CHUNK} events. */
    @FunctionalInterface
    public interface Insert<N, E> {
        List<E> insert(DSLContext dsl, List<N> events, OffsetDateTime now);
    }

    /**
     * Number of advisory locks the ids of a trail are spread over. A transaction holds at most this many per trail
     * (PostgreSQL's lock table is sized for about 64 per connection by default, shared), and two appends wait for
     * each other only when their ids share a bucket.
     */
    static final int LOCK_BUCKETS = 128;

    /**
     * Appends {@code events} atomically in a transaction (or savepoint), idempotent by event id: an event whose id
     * is already stored is not written again, and its stored row is returned in its place (whatever the other
     * fields); the first of several events with one id in {@code events} wins the same way. "Now" is read once, so
     * events without a timestamp share it.
     *
     * <p>The tables' key is {@code (id, timestamp)} — no unique index on the id alone, so that a TimescaleDB
     * hypertable (which needs the partition column in every unique index) and a Citus table distributed by id stay
     * possible. Uniqueness of the id is therefore enforced here: the transaction takes an advisory lock on each
     * id's bucket ({@code pg_advisory_xact_lock(lockClass, bucket)}, in ascending order, so appenders cannot deadlock),
     * then looks the ids up and inserts only the new ones. Every SDK writer of a trail takes the same locks, so two
     * concurrent appends of one id serialise and the second finds the first. See docs/decisions/009.
     */
    public static <R extends Record, N, E, K> List<E> appendAll(DaoContext context, TimeKeyset<R, K, E> trail,
                                                                int lockClass, Function<N, K> eventId, List<N> events,
                                                                RecordMapper<Record, E> mapper, Insert<N, E> insert) {
        Check.noNulls("events", events);
        if (events.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = context.now();
        return Tx.atomically(context, dsl -> {
            lockIds(dsl, lockClass, events.stream().map(eventId).toList());
            Map<K, E> stored = new HashMap<>();
            Map<K, N> fresh = new LinkedHashMap<>();
            for (int i = 0; i < events.size(); i += INSERT_CHUNK) {
                List<K> ids = events.subList(i, Math.min(events.size(), i + INSERT_CHUNK)).stream().map(eventId).toList();
                dsl.selectFrom(trail.table()).where(trail.id().in(ids)).orderBy(trail.timestamp())
                        .fetch(mapper).forEach(e -> stored.putIfAbsent(trail.rowId().apply(e), e));
            }
            events.forEach(e -> {
                if (!stored.containsKey(eventId.apply(e))) {
                    fresh.putIfAbsent(eventId.apply(e), e);
                }
            });
            List<N> toInsert = new ArrayList<>(fresh.values());
            for (int i = 0; i < toInsert.size(); i += INSERT_CHUNK) {
                insert.insert(dsl, toInsert.subList(i, Math.min(toInsert.size(), i + INSERT_CHUNK)), now)
                        .forEach(e -> stored.put(trail.rowId().apply(e), e));
            }
            return events.stream().map(e -> stored.get(eventId.apply(e))).toList();
        });
    }

    /** Takes the advisory locks of the buckets of {@code ids}, in ascending order, until the transaction ends. */
    private static <K> void lockIds(DSLContext dsl, int lockClass, List<K> ids) {
        Integer[] buckets = ids.stream().map(id -> Math.floorMod(id.hashCode(), LOCK_BUCKETS)).distinct().sorted()
                .toArray(Integer[]::new);
        dsl.fetch("select pg_advisory_xact_lock({0}, b)::text from (select unnest({1}::int[]) as b order by 1) s",
                DSL.val(lockClass), DSL.val(buckets));
    }
}
