package io.sark.dao.model;

import io.sark.dao.internal.Check;
import io.sark.dao.internal.CostValidation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters of a ledger query or summary: every given filter must match. The time window is half-open,
 * {@code from <= timestamp < to}, like every range in the SDK. Valid on construction: ids are at most 255
 * characters, instants are storable, {@code from} is before {@code to}, and the limit is 1..{@value #MAX_LIMIT}
 * ({@link io.sark.schema.InvalidInputException} naming the component otherwise).
 *
 * <pre>{@code
 * CostQuery q = CostQuery.all().principal("user-1").from(dayStart).limit(500);
 * Page<Cost> first = db.costs().find(q);
 * Page.stream(token -> db.costs().find(q, token)).forEach(cost -> ...);   // every page
 * }</pre>
 *
 * @param limit page size of {@code find} (ignored by summaries)
 */
public record CostQuery(Optional<String> principalId, Optional<String> resourceId, Optional<String> capabilityId,
                        Optional<Instant> from, Optional<Instant> to, int limit) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size accepted. */
    public static final int MAX_LIMIT = 10_000;

    public CostQuery {
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(capabilityId, "capabilityId");
        principalId.ifPresent(v -> CostValidation.id("principalId", v));
        resourceId.ifPresent(v -> CostValidation.id("resourceId", v));
        capabilityId.ifPresent(v -> CostValidation.id("capabilityId", v));
        from = Objects.requireNonNull(from, "from").map(v -> Check.instant("from", v));
        to = Objects.requireNonNull(to, "to").map(v -> Check.instant("to", v));
        if (from.isPresent() && to.isPresent()) {
            Check.window(from.get(), to.get());
        }
        Check.limit(limit, MAX_LIMIT);
    }

    /** Everything, first page of {@value #DEFAULT_LIMIT}. */
    public static CostQuery all() {
        return new CostQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_LIMIT);
    }

    /** Only costs of this principal. */
    public CostQuery principal(String id) {
        return new CostQuery(Optional.of(Check.notNull("principalId", id)), resourceId, capabilityId, from, to, limit);
    }

    /** Only costs of this resource. */
    public CostQuery resource(String id) {
        return new CostQuery(principalId, Optional.of(Check.notNull("resourceId", id)), capabilityId, from, to, limit);
    }

    /** Only costs of this capability. */
    public CostQuery capability(String id) {
        return new CostQuery(principalId, resourceId, Optional.of(Check.notNull("capabilityId", id)), from, to, limit);
    }

    /** Only costs at or after {@code inclusive}. */
    public CostQuery from(Instant inclusive) {
        return new CostQuery(principalId, resourceId, capabilityId, Optional.of(Check.notNull("from", inclusive)), to, limit);
    }

    /** Only costs strictly before {@code exclusive}. */
    public CostQuery to(Instant exclusive) {
        return new CostQuery(principalId, resourceId, capabilityId, from, Optional.of(Check.notNull("to", exclusive)), limit);
    }

    /** Page size of {@code find}, 1..{@value #MAX_LIMIT} (ignored by summaries). */
    public CostQuery limit(int rows) {
        return new CostQuery(principalId, resourceId, capabilityId, from, to, rows);
    }
}
