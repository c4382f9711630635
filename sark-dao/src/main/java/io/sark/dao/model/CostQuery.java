package io.sark.dao.model;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Filters of a ledger query or summary: every given filter must match. The time window is half-open,
 * {@code from <= timestamp < to}. Results are ordered by {@code ("timestamp", id)}; pages continue with
 * {@link #after(CostCursor)} (keyset pagination: stable under concurrent inserts, no OFFSET).
 *
 * <pre>{@code
 * CostPage page = db.costs().find(CostQuery.all().principal("user-1").from(dayStart).limit(500));
 * while (page.next().isPresent()) page = db.costs().find(query.after(page.next().get()));
 * }</pre>
 */
public record CostQuery(Optional<String> principalId, Optional<String> resourceId, Optional<String> capabilityId,
                        Optional<OffsetDateTime> from, Optional<OffsetDateTime> to, Optional<CostCursor> after,
                        int limit) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size accepted. */
    public static final int MAX_LIMIT = 10_000;

    /** Everything, first page of {@value #DEFAULT_LIMIT}. */
    public static CostQuery all() {
        return new CostQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_LIMIT);
    }

    public CostQuery principal(String id) {
        return new CostQuery(Optional.of(id), resourceId, capabilityId, from, to, after, limit);
    }

    public CostQuery resource(String id) {
        return new CostQuery(principalId, Optional.of(id), capabilityId, from, to, after, limit);
    }

    public CostQuery capability(String id) {
        return new CostQuery(principalId, resourceId, Optional.of(id), from, to, after, limit);
    }

    /** Only costs at or after {@code inclusive}. */
    public CostQuery from(OffsetDateTime inclusive) {
        return new CostQuery(principalId, resourceId, capabilityId, Optional.of(inclusive), to, after, limit);
    }

    /** Only costs strictly before {@code exclusive}. */
    public CostQuery to(OffsetDateTime exclusive) {
        return new CostQuery(principalId, resourceId, capabilityId, from, Optional.of(exclusive), after, limit);
    }

    /** The page after {@code cursor} (ignored by summaries). */
    public CostQuery after(CostCursor cursor) {
        return new CostQuery(principalId, resourceId, capabilityId, from, to, Optional.of(cursor), limit);
    }

    /** Page size, 1..{@value #MAX_LIMIT} (ignored by summaries). */
    public CostQuery limit(int rows) {
        return new CostQuery(principalId, resourceId, capabilityId, from, to, after, rows);
    }
}
