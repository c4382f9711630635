package io.sark.dao.internal;

import io.sark.dao.InvalidInputException;
import io.sark.dao.model.Page;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * What the two append-only audit DAOs share: chunked atomic appends that return the rows in the order given, and
 * keyset pages over {@code (timestamp, id)}. Internal.
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
     * Appends {@code events} atomically: one statement when they fit in a chunk, else a transaction (or savepoint)
     * around one statement per chunk. "Now" is read once, so events without a timestamp share it.
     */
    public static <N, E> List<E> appendAll(DaoContext context, List<N> events, Insert<N, E> insert) {
        Check.noNulls("events", events);
        if (events.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = context.now();
        if (events.size() <= INSERT_CHUNK) {
            return Errors.translate(() -> insert.insert(context.dsl(), events, now));
        }
        return Tx.atomically(context, dsl -> {
            List<E> all = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i += INSERT_CHUNK) {
                all.addAll(insert.insert(dsl, events.subList(i, Math.min(events.size(), i + INSERT_CHUNK)), now));
            }
            return all;
        });
    }

    /** The rows RETURNING gave back (in any order), in the order of the events they were inserted from. */
    public static <N, E, K> List<E> inInputOrder(List<N> events, Function<N, K> eventId, List<E> returned, Function<E, K> rowId) {
        Map<K, E> byId = new HashMap<>(returned.size() * 2);
        returned.forEach(r -> byId.put(rowId.apply(r), r));
        return events.stream().map(e -> byId.get(eventId.apply(e))).toList();
    }

    /** How a listing reads its keyset: the table's timestamp and id columns, and the id's text form. */
    public record Keyset<R extends Record, K, E>(String pageKind, Table<R> table, TableField<R, OffsetDateTime> timestamp,
                                                 TableField<R, K> id, Function<String, K> parseId,
                                                 Function<E, Instant> rowTimestamp, Function<E, K> rowId) {
    }

    /**
     * One page of the rows matching {@code filter}, oldest first (timestamp, then id), at most {@code limit} rows,
     * after the position in {@code pageToken} (null for the first page).
     *
     * @throws InvalidInputException ("pageToken") if the token is not one of this listing
     */
    public static <R extends Record, K, E> Page<E> page(DaoContext context, Keyset<R, K, E> keyset, Condition filter,
                                                        String pageToken, int limit, RecordMapper<R, E> mapper) {
        Condition c = filter;
        if (pageToken != null) {
            List<String> k = PageTokens.decode(keyset.pageKind(), pageToken, 2);
            K afterId;
            try {
                afterId = keyset.parseId().apply(k.get(1));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("pageToken", "is not a page token of this listing");
            }
            c = c.and(DSL.row(keyset.timestamp(), keyset.id()).gt(Db.odt(PageTokens.instant(k.get(0))), afterId));
        }
        Condition cond = c;
        return Errors.translate(() -> {
            List<E> rows = context.dsl().selectFrom(keyset.table()).where(cond)
                    .orderBy(keyset.timestamp(), keyset.id()).limit(limit + 1).fetch(mapper);
            if (rows.size() <= limit) {
                return new Page<>(rows, Optional.empty());
            }
            E last = rows.get(limit - 1);
            return new Page<>(rows.subList(0, limit), Optional.of(PageTokens.encode(keyset.pageKind(),
                    PageTokens.instant(keyset.rowTimestamp().apply(last)), String.valueOf(keyset.rowId().apply(last)))));
        });
    }
}
