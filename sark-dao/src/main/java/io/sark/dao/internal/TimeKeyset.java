package io.sark.dao.internal;

import io.sark.dao.model.Page;
import io.sark.schema.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * A table read in {@code (timestamp, id)} order with keyset pages (the audit trails, the cost ledger): its columns,
 * the id's text form, and the kind its page tokens carry. Internal.
 */
public record TimeKeyset<R extends Record, K, E>(String pageKind, Table<R> table,
                                                 TableField<R, OffsetDateTime> timestamp, TableField<R, K> id,
                                                 Function<String, K> parseId, Function<E, Instant> rowTimestamp,
                                                 Function<E, K> rowId) {

    /**
     * One page of the rows matching {@code filter}, oldest first (timestamp, then id), at most {@code limit} rows,
     * after the position in {@code pageToken} (null for the first page).
     *
     * @throws InvalidInputException ("pageToken") if the token is not one of this listing
     */
    public Page<E> page(DaoContext context, Condition filter, String pageToken, int limit, RecordMapper<R, E> mapper) {
        Condition c = filter;
        if (pageToken != null) {
            List<String> k = PageTokens.decode(pageKind, pageToken, 2);
            K afterId;
            try {
                afterId = parseId.apply(k.get(1));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("pageToken", "is not a page token of this listing");
            }
            c = c.and(DSL.row(timestamp, id).gt(Db.odt(PageTokens.instant(k.get(0))), afterId));
        }
        List<E> rows = context.dsl().selectFrom(table).where(c).orderBy(timestamp, id).limit(limit + 1).fetch(mapper);
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        E last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), Optional.of(PageTokens.encode(pageKind,
                PageTokens.instant(rowTimestamp.apply(last)), String.valueOf(rowId.apply(last)))));
    }
}
