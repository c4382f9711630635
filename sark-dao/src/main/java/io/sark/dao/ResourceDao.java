package io.sark.dao;

import static io.sark.schema.jooq.Tables.CAPABILITIES;
import static io.sark.schema.jooq.Tables.COST_TRACKING;
import static io.sark.schema.jooq.Tables.RESOURCES;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Amounts;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Errors;
import io.sark.dao.internal.Jdbc;
import io.sark.dao.internal.PageTokens;
import io.sark.dao.internal.Rows;
import io.sark.dao.internal.SqlLiteral;
import io.sark.dao.internal.Tx;
import io.sark.dao.model.Capability;
import io.sark.dao.model.NewCapability;
import io.sark.dao.model.NewResource;
import io.sark.dao.model.Page;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.Resource;
import io.sark.dao.model.ResourceSpend;
import io.sark.dao.model.ResourceUpdate;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.schema.InvalidInputException;
import io.sark.schema.jooq.tables.records.ResourcesRecord;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Governed resources of any protocol ({@code resources}) and the catalogue queries over them (reference §5 patterns
 * 1, 2 and 8; patterns 3–7 are on {@link CapabilityDao}).
 *
 * <p>Every method validates its arguments before any SQL runs ({@link InvalidInputException} naming the field) and
 * runs atomically: in its own transaction, or in the caller's when obtained from a {@link SarkTransaction}.
 */
public final class ResourceDao {

    /** Largest page or result size the listings accept. */
    public static final int MAX_LIMIT = 1000;
    /** Ledger amounts ({@code NUMERIC(18,8)}) counted in whole units of their last decimal place. */
    private static final BigDecimal UNITS_PER_CURRENCY_UNIT = BigDecimal.ONE.movePointRight(Amounts.SCALE);
    private static final String PAGE_KIND = "resources-by-protocol";

    private final DaoContext context;

    ResourceDao(DaoContext context) {
        this.context = context;
    }

    /**
     * Inserts a resource; {@code created_at} and {@code updated_at} are "now" from the configured clock.
     *
     * @throws DuplicateKeyException ({@code resources_pkey}) if the id exists; nothing is written
     */
    public Resource create(NewResource resource) {
        Check.notNull("resource", resource);
        OffsetDateTime now = context.now();
        return Rows.resource(Errors.translate(() -> context.dsl().insertInto(RESOURCES).set(record(resource, now))
                .returning().fetchOne()));
    }

    /**
     * Inserts the resource or, if its id exists, replaces name, protocol, endpoint, sensitivity and metadata and
     * moves {@code updated_at} ({@code created_at} is kept). One {@code INSERT … ON CONFLICT DO UPDATE}: safe when
     * several transactions upsert the same id at once (the later one waits for the earlier and then updates).
     */
    public Resource upsert(NewResource resource) {
        Check.notNull("resource", resource);
        OffsetDateTime now = context.now();
        return Rows.resource(Errors.translate(() -> context.dsl().insertInto(RESOURCES).set(record(resource, now))
                .onConflict(RESOURCES.ID).doUpdate()
                .set(RESOURCES.NAME, DSL.excluded(RESOURCES.NAME))
                .set(RESOURCES.PROTOCOL, DSL.excluded(RESOURCES.PROTOCOL))
                .set(RESOURCES.ENDPOINT, DSL.excluded(RESOURCES.ENDPOINT))
                .set(RESOURCES.SENSITIVITY_LEVEL, DSL.excluded(RESOURCES.SENSITIVITY_LEVEL))
                .set(RESOURCES.METADATA, DSL.excluded(RESOURCES.METADATA))
                // the inserted row's value, not the bind again: Citus refuses a non-immutable cast here
                .set(RESOURCES.UPDATED_AT, DSL.excluded(RESOURCES.UPDATED_AT))
                .returning().fetchOne()));
    }

    /** The resource with this id. */
    public Optional<Resource> findById(String id) {
        Check.required("id", id, 255);
        return Jdbc.one(context, Jdbc.sql(context, "resources.findById",
                dsl -> dsl.select(RESOURCES.fields()).from(RESOURCES).where(RESOURCES.ID.eq(DSL.param("id", String.class)))),
                id, Rows::resource);
    }

    /**
     * Applies {@code changes} and moves {@code updated_at} to "now".
     *
     * @return the resource as updated
     * @throws NotFoundException if there is no resource with this id
     */
    public Resource update(String id, ResourceUpdate changes) {
        Check.required("id", id, 255);
        Check.notNull("changes", changes);
        UpdateSetMoreStep<ResourcesRecord> u = context.dsl().update(RESOURCES).set(RESOURCES.UPDATED_AT, context.now());
        changes.name().ifPresent(v -> u.set(RESOURCES.NAME, v));
        changes.protocol().ifPresent(v -> u.set(RESOURCES.PROTOCOL, v.value()));
        changes.endpoint().ifPresent(v -> u.set(RESOURCES.ENDPOINT, v));
        changes.sensitivityLevel().ifPresent(v -> u.set(RESOURCES.SENSITIVITY_LEVEL, v.dbValue()));
        changes.metadata().ifPresent(v -> u.set(RESOURCES.METADATA, v));
        return Errors.translate(() -> u.where(RESOURCES.ID.eq(id)).returning().fetchOptional()).map(Rows::resource)
                .orElseThrow(() -> new NotFoundException("resource", id));
    }

    /** Deletes the resource and (by the foreign key's cascade) its capabilities; false if it did not exist. */
    public boolean delete(String id) {
        Check.required("id", id, 255);
        // catalogue writes run V8's counting triggers, which lock resources: a deadlock victim runs again (Errors)
        return Errors.translate(() -> context.dsl().deleteFrom(RESOURCES).where(RESOURCES.ID.eq(id)).execute()) == 1;
    }

    /**
     * Creates a resource and its capabilities in one transaction (two statements): either all rows are written or
     * none.
     *
     * @throws DuplicateKeyException if the resource or a capability id exists
     */
    public ResourceWithCapabilities register(NewResource resource, List<NewCapability> capabilities) {
        Check.notNull("resource", resource);
        Check.noNulls("capabilities", capabilities);
        return Tx.atomically(context, dsl -> {
            DaoContext tx = context.with(dsl);
            Resource r = new ResourceDao(tx).create(resource);
            List<Capability> caps = new CapabilityDao(tx).createAll(r.id(), capabilities);
            return new ResourceWithCapabilities(r, caps);
        });
    }

    /**
     * The resource and its capabilities (ordered by name, then id), read with one query (a left join).
     */
    public Optional<ResourceWithCapabilities> findWithCapabilities(String id) {
        Check.required("id", id, 255);
        Result<Record> rows = context.dsl().select(RESOURCES.fields()).select(CAPABILITIES.fields())
                .from(RESOURCES).leftJoin(CAPABILITIES).on(CAPABILITIES.RESOURCE_ID.eq(RESOURCES.ID))
                .where(RESOURCES.ID.eq(id))
                .orderBy(CAPABILITIES.NAME, CAPABILITIES.ID)
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Capability> caps = new ArrayList<>(rows.size());
        for (Record row : rows) {
            if (row.get(CAPABILITIES.ID) != null) {
                caps.add(Rows.capability(row));
            }
        }
        return Optional.of(new ResourceWithCapabilities(Rows.resource(rows.get(0)), caps));
    }

    /** The first page of {@link #listByProtocol(Protocol, int, String)}. */
    public Page<Resource> listByProtocol(Protocol protocol, int limit) {
        return listByProtocol(protocol, limit, null);
    }

    /**
     * Resources of one protocol ordered by name, then id (reference pattern 1), keyset-paginated: each page is one
     * range scan of {@code ix_resources_protocol (protocol, name, id)}, however deep the page.
     *
     * @param limit page size, 1–{@value #MAX_LIMIT}
     * @param pageToken null for the first page, else {@link Page#nextPageToken()} of the previous page
     */
    public Page<Resource> listByProtocol(Protocol protocol, int limit, String pageToken) {
        Check.notNull("protocol", protocol);
        Check.limit(limit, MAX_LIMIT);
        List<Resource> rows;
        if (pageToken == null) {
            rows = Jdbc.list(context, Jdbc.sql(context, "resources.listByProtocol", dsl -> byProtocol(dsl, DSL.noCondition())),
                    Rows::resource, protocol.value(), limit + 1);
        } else {
            List<String> k = PageTokens.decode(PAGE_KIND, pageToken, 3);
            if (!k.get(0).equals(protocol.value())) {
                throw new InvalidInputException("pageToken", "belongs to another protocol");
            }
            rows = Jdbc.list(context, Jdbc.sql(context, "resources.listByProtocol.after", dsl -> byProtocol(dsl,
                            DSL.row(RESOURCES.NAME, RESOURCES.ID).gt(DSL.param("name", String.class), DSL.param("id", String.class)))),
                    Rows::resource, protocol.value(), k.get(1), k.get(2), limit + 1);
        }
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        Resource last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit),
                Optional.of(PageTokens.encode(PAGE_KIND, protocol.value(), last.name(), last.id())));
    }

    /** Pattern 1's query: parameters protocol, then those of {@code after}, then the row limit. */
    private static Query byProtocol(DSLContext dsl, Condition after) {
        return dsl.select(RESOURCES.fields()).from(RESOURCES)
                .where(RESOURCES.PROTOCOL.eq(DSL.param("protocol", String.class))).and(after)
                .orderBy(RESOURCES.NAME, RESOURCES.ID)
                .limit(DSL.param("limit", Integer.class));
    }

    /**
     * Resources whose metadata contains {@code filter} (JSONB {@code @>}, reference pattern 2), ordered by name,
     * then id.
     *
     * <p>Served by the GIN index {@code ix_resources_metadata_gin} on every call, also on a long-lived pooled
     * connection (no generic plan; see "The generic-plan trap" in docs/dao.md).
     *
     * @param filter a JSON object, e.g. {@code {"transport": "stdio"}}
     * @param limit 1–{@value #MAX_LIMIT}
     */
    public List<Resource> searchByMetadata(JsonNode filter, int limit) {
        Check.jsonObject("filter", filter);
        Check.limit(limit, MAX_LIMIT);
        return Jdbc.listInlined(context, context.dsl().selectFrom(RESOURCES)
                .where(jsonbContains(RESOURCES.METADATA, filter))
                .orderBy(RESOURCES.NAME, RESOURCES.ID)
                .limit(limit), Rows::resource);
    }

    /**
     * Resources by what they cost in {@code [from, to)} (reference pattern 8), most expensive first (then by resource
     * id and currency): ledger rows of the window grouped by resource and currency, summing
     * {@code COALESCE(actual_cost, estimated_cost)} like the daily cost view; at most {@code limit} rows. Ledger rows
     * of deleted resources are left out. The sums are exact.
     *
     * <p>Its cost grows with the ledger rows of the window (read through {@code ix_cost_tracking_timestamp}); only the
     * resources returned are read from {@code resources}.
     *
     * @param limit 1–{@value #MAX_LIMIT}
     */
    public List<ResourceSpend> spendByResource(Instant from, Instant to, int limit) {
        Check.window(from, to);
        Check.limit(limit, MAX_LIMIT);
        OffsetDateTime start = Db.odt(Check.instant("from", from));
        OffsetDateTime end = Db.odt(Check.instant("to", to));
        // the top groups are chosen before resources are joined (a top-N sort instead of sorting every group);
        // when deleted resources leave fewer than `limit` of them, the next statement asks for four times as many
        for (int groups = limit; ; groups = (int) Math.min(Integer.MAX_VALUE, groups * 4L)) {
            List<Optional<ResourceSpend>> top = topSpend(start, end, groups);
            List<ResourceSpend> named = top.stream().flatMap(Optional::stream).limit(limit).toList();
            if (named.size() == limit || top.size() < groups) {
                return named;
            }
        }
    }

    /** The {@code groups} costliest (resource, currency) groups of the window, costliest first; empty for a deleted resource. */
    private List<Optional<ResourceSpend>> topSpend(OffsetDateTime from, OffsetDateTime to, int groups) {
        // summed as whole 1e-8 units in bigint: exact (NUMERIC(18,8) * 1e8 is an integer below 2^63) and far cheaper
        // to aggregate than NUMERIC; the sum of bigints is a NUMERIC, so it cannot overflow
        Field<BigDecimal> units = DSL.sum(DSL.coalesce(COST_TRACKING.ACTUAL_COST, COST_TRACKING.ESTIMATED_COST)
                .mul(DSL.inline(UNITS_PER_CURRENCY_UNIT)).cast(SQLDataType.BIGINT)).as("total_units");
        Field<Integer> countAll = DSL.count().as("invocation_count");
        var spend = DSL.select(COST_TRACKING.RESOURCE_ID, COST_TRACKING.CURRENCY, countAll, units)
                .from(COST_TRACKING)
                .where(COST_TRACKING.TIMESTAMP.ge(from))
                .and(COST_TRACKING.TIMESTAMP.lt(to))
                .groupBy(COST_TRACKING.RESOURCE_ID, COST_TRACKING.CURRENCY)
                .orderBy(units.desc(), COST_TRACKING.RESOURCE_ID, COST_TRACKING.CURRENCY)
                .limit(DSL.inline(groups))
                .asTable("spend");
        Field<String> resourceId = spend.field(COST_TRACKING.RESOURCE_ID);
        Field<String> currency = spend.field(COST_TRACKING.CURRENCY);
        Field<BigDecimal> total = spend.field(units);
        return Jdbc.listInlined(context, context.dsl()
                .select(resourceId, RESOURCES.NAME, RESOURCES.PROTOCOL, currency, spend.field(countAll), total)
                .from(spend).leftJoin(RESOURCES).on(RESOURCES.ID.eq(resourceId))
                .orderBy(total.desc(), resourceId, currency), rs -> rs.getString(2) == null ? Optional.empty()
                : Optional.of(new ResourceSpend(rs.getString(1), rs.getString(2), new Protocol(rs.getString(3)), rs.getString(4),
                rs.getLong(5), rs.getBigDecimal(6).movePointLeft(Amounts.SCALE))));
    }

    /** {@code column @> 'json'::jsonb} with the JSON as an escaped literal (see {@link #searchByMetadata}). */
    static Condition jsonbContains(Field<JsonNode> column, JsonNode value) {
        return DSL.condition("{0} @> {1}::jsonb", column, SqlLiteral.text(SarkJson.write(value)));
    }

    private ResourcesRecord record(NewResource r, OffsetDateTime now) {
        DSLContext dsl = context.dsl();
        ResourcesRecord rec = dsl.newRecord(RESOURCES);
        rec.setId(r.id());
        rec.setName(r.name());
        rec.setProtocol(r.protocol().value());
        rec.setEndpoint(r.endpoint());
        rec.setSensitivityLevel(r.sensitivityLevel().dbValue());
        rec.setMetadata(r.metadata());
        rec.setCreatedAt(now);
        rec.setUpdatedAt(now);
        return rec;
    }

}
