package io.sark.dao;

import static io.sark.schema.jooq.Tables.CAPABILITIES;
import static io.sark.schema.jooq.Tables.CATALOGUE_COUNTS;
import static io.sark.schema.jooq.Tables.RESOURCES;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Errors;
import io.sark.dao.internal.Jdbc;
import io.sark.dao.internal.Rows;
import io.sark.dao.internal.SqlLiteral;
import io.sark.dao.internal.Tx;
import io.sark.dao.model.Capability;
import io.sark.dao.model.CapabilityUpdate;
import io.sark.dao.model.CapabilityWithResource;
import io.sark.dao.model.CrossProtocolCapability;
import io.sark.dao.model.NewCapability;
import io.sark.dao.model.Protocol;
import io.sark.dao.model.ProtocolCapabilityCount;
import io.sark.dao.model.SensitivityLevel;
import io.sark.schema.InvalidInputException;
import io.sark.schema.jooq.tables.records.CapabilitiesRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record6;
import org.jooq.Select;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.UpdateSetMoreStep;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Capabilities of resources ({@code capabilities}) and the catalogue queries over them (reference §5 patterns 3–7).
 * Arguments are validated before any SQL runs; every method is atomic.
 */
public final class CapabilityDao {

    /** Largest result size the listings accept. */
    public static final int MAX_LIMIT = ResourceDao.MAX_LIMIT;
    /** Rows per INSERT statement in {@link #createAll} (keeps each statement below PostgreSQL's bind limit). */
    static final int INSERT_CHUNK = 1000;

    private final DaoContext context;

    CapabilityDao(DaoContext context) {
        this.context = context;
    }

    /**
     * Creates one capability under {@code resourceId}.
     *
     * @throws NotFoundException if the resource does not exist
     * @throws DuplicateKeyException ({@code capabilities_pkey}) if the id exists
     */
    public Capability create(String resourceId, NewCapability capability) {
        Check.notNull("capability", capability);
        return createAll(resourceId, List.of(capability)).get(0);
    }

    /**
     * Creates capabilities under {@code resourceId} atomically with multi-row INSERTs (one round trip per
     * {@value #INSERT_CHUNK} rows). Returns them in the order given.
     *
     * @throws NotFoundException if the resource does not exist; nothing is written
     * @throws DuplicateKeyException if an id exists or repeats; nothing is written
     */
    public List<Capability> createAll(String resourceId, List<NewCapability> capabilities) {
        Check.required("resourceId", resourceId, 255);
        Check.noNulls("capabilities", capabilities);
        if (capabilities.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = context.now();
        if (capabilities.size() <= INSERT_CHUNK) {
            return withMissingResource(resourceId, () -> insert(context.dsl(), resourceId, capabilities, now));
        }
        return withMissingResource(resourceId, () -> Tx.atomically(context, dsl -> {
            List<Capability> all = new ArrayList<>(capabilities.size());
            for (int i = 0; i < capabilities.size(); i += INSERT_CHUNK) {
                all.addAll(insert(dsl, resourceId, capabilities.subList(i, Math.min(capabilities.size(), i + INSERT_CHUNK)), now));
            }
            return all;
        }));
    }

    /**
     * Inserts the capability under {@code resourceId} or, if its id exists, replaces every field (including the
     * resource it belongs to) and moves {@code updated_at}. One {@code INSERT … ON CONFLICT DO UPDATE}.
     *
     * @throws NotFoundException if the resource does not exist
     */
    public Capability upsert(String resourceId, NewCapability capability) {
        Check.required("resourceId", resourceId, 255);
        Check.notNull("capability", capability);
        OffsetDateTime now = context.now();
        return withMissingResource(resourceId, () -> Rows.capability(context.dsl()
                .insertInto(CAPABILITIES).set(record(context.dsl(), resourceId, capability, now))
                .onConflict(CAPABILITIES.ID).doUpdate()
                .set(CAPABILITIES.RESOURCE_ID, DSL.excluded(CAPABILITIES.RESOURCE_ID))
                .set(CAPABILITIES.NAME, DSL.excluded(CAPABILITIES.NAME))
                .set(CAPABILITIES.DESCRIPTION, DSL.excluded(CAPABILITIES.DESCRIPTION))
                .set(CAPABILITIES.INPUT_SCHEMA, DSL.excluded(CAPABILITIES.INPUT_SCHEMA))
                .set(CAPABILITIES.OUTPUT_SCHEMA, DSL.excluded(CAPABILITIES.OUTPUT_SCHEMA))
                .set(CAPABILITIES.SENSITIVITY_LEVEL, DSL.excluded(CAPABILITIES.SENSITIVITY_LEVEL))
                .set(CAPABILITIES.METADATA, DSL.excluded(CAPABILITIES.METADATA))
                // the inserted row's value, not the bind again: Citus refuses a non-immutable cast here
                .set(CAPABILITIES.UPDATED_AT, DSL.excluded(CAPABILITIES.UPDATED_AT))
                .returning().fetchOne()));
    }

    /** The capability with this id. */
    public Optional<Capability> findById(String id) {
        Check.required("id", id, 255);
        return context.dsl().selectFrom(CAPABILITIES).where(CAPABILITIES.ID.eq(id)).fetchOptional()
                .map(Rows::capability);
    }

    /** The capabilities of a resource ordered by name, then id (empty if the resource does not exist). */
    public List<Capability> listByResource(String resourceId) {
        Check.required("resourceId", resourceId, 255);
        return context.dsl().selectFrom(CAPABILITIES).where(CAPABILITIES.RESOURCE_ID.eq(resourceId))
                .orderBy(CAPABILITIES.NAME, CAPABILITIES.ID).fetch(Rows::capability);
    }

    /**
     * Applies {@code changes} and moves {@code updated_at}.
     *
     * @throws NotFoundException if there is no capability with this id
     */
    public Capability update(String id, CapabilityUpdate changes) {
        Check.required("id", id, 255);
        Check.notNull("changes", changes);
        UpdateSetMoreStep<CapabilitiesRecord> u = context.dsl().update(CAPABILITIES).set(CAPABILITIES.UPDATED_AT, context.now());
        changes.name().ifPresent(v -> u.set(CAPABILITIES.NAME, v));
        changes.description().ifPresent(v -> u.set(CAPABILITIES.DESCRIPTION, v.orElse(null)));
        changes.inputSchema().ifPresent(v -> u.set(CAPABILITIES.INPUT_SCHEMA, v));
        changes.outputSchema().ifPresent(v -> u.set(CAPABILITIES.OUTPUT_SCHEMA, v));
        changes.sensitivityLevel().ifPresent(v -> u.set(CAPABILITIES.SENSITIVITY_LEVEL, v.dbValue()));
        changes.metadata().ifPresent(v -> u.set(CAPABILITIES.METADATA, v));
        return Errors.translate(() -> u.where(CAPABILITIES.ID.eq(id)).returning().fetchOptional()).map(Rows::capability)
                .orElseThrow(() -> new NotFoundException("capability", id));
    }

    /** Deletes a capability; false if it did not exist. */
    public boolean delete(String id) {
        Check.required("id", id, 255);
        return Errors.translate(() -> context.dsl().deleteFrom(CAPABILITIES).where(CAPABILITIES.ID.eq(id)).execute()) == 1;
    }

    /**
     * Capabilities of the resources of one protocol with their resource, ordered by resource name, resource id,
     * capability name, capability id (reference pattern 3).
     *
     * @param limit 1–{@value #MAX_LIMIT}
     */
    public List<CapabilityWithResource> listWithResources(Protocol protocol, int limit) {
        Check.notNull("protocol", protocol);
        Check.limit(limit, MAX_LIMIT);
        return context.dsl()
                .select(RESOURCES.ID, RESOURCES.NAME, RESOURCES.PROTOCOL, CAPABILITIES.ID, CAPABILITIES.NAME,
                        CAPABILITIES.SENSITIVITY_LEVEL)
                .from(RESOURCES).join(CAPABILITIES).on(CAPABILITIES.RESOURCE_ID.eq(RESOURCES.ID))
                .where(RESOURCES.PROTOCOL.eq(protocol.value()))
                .orderBy(RESOURCES.NAME, RESOURCES.ID, CAPABILITIES.NAME, CAPABILITIES.ID)
                .limit(limit)
                .fetch(CapabilityDao::withResource);
    }

    /**
     * Capabilities whose sensitivity is at least {@code minimum}, most sensitive level first and by capability name
     * (then id) within a level, with their resource (reference pattern 4, which sorted the level names
     * alphabetically; here {@code critical} comes before {@code high}). One {@code UNION ALL} branch per level, each
     * an ordered scan of {@code ix_capabilities_sensitivity (sensitivity_level, name)}.
     *
     * @param limit 1–{@value #MAX_LIMIT}
     */
    public List<CapabilityWithResource> listBySensitivity(SensitivityLevel minimum, int limit) {
        Check.notNull("minimum", minimum);
        Check.limit(limit, MAX_LIMIT);
        List<SensitivityLevel> levels = new ArrayList<>(Arrays.asList(SensitivityLevel.values()).subList(minimum.ordinal(),
                SensitivityLevel.values().length));
        java.util.Collections.reverse(levels);
        Object[] limits = new Object[levels.size() + 1]; // each branch's, then the outer one
        Arrays.fill(limits, limit);
        List<CapabilityWithResource> all = new ArrayList<>(Jdbc.list(context,
                Jdbc.sql(context, "capabilities.listBySensitivity." + minimum.name(), dsl -> bySensitivity(dsl, levels)),
                rs -> new CapabilityWithResource(rs.getString(1), rs.getString(2), new Protocol(rs.getString(3)),
                        rs.getString(4), rs.getString(5), Db.sensitivity(rs.getString(6))), limits));
        // UNION ALL branches are concatenated in order by PostgreSQL's Append, but only ORDER BY guarantees it:
        all.sort(java.util.Comparator.comparing((CapabilityWithResource c) -> -c.sensitivityLevel().ordinal())
                .thenComparing(CapabilityWithResource::capabilityName).thenComparing(CapabilityWithResource::capabilityId));
        return all;
    }

    /** Pattern 4's query over {@code levels}: one branch per level, each and the whole limited by a parameter. */
    private static Query bySensitivity(DSLContext dsl, List<SensitivityLevel> levels) {
        Select<Record6<String, String, String, String, String, String>> union = null;
        for (SensitivityLevel level : levels) {
            var branch = dsl.select(RESOURCES.ID.as("resource_id"), RESOURCES.NAME.as("resource_name"), RESOURCES.PROTOCOL,
                            CAPABILITIES.ID.as("capability_id"), CAPABILITIES.NAME.as("capability_name"),
                            CAPABILITIES.SENSITIVITY_LEVEL)
                    .from(CAPABILITIES).join(RESOURCES).on(RESOURCES.ID.eq(CAPABILITIES.RESOURCE_ID))
                    .where(CAPABILITIES.SENSITIVITY_LEVEL.eq(DSL.inline(level.dbValue())))
                    .orderBy(CAPABILITIES.NAME, CAPABILITIES.ID)
                    .limit(DSL.param("limit", Integer.class));
            union = union == null ? branch : union.unionAll(branch);
        }
        return dsl.selectFrom(union.asTable("x")).limit(DSL.param("limit", Integer.class));
    }

    /** {@link #listBySensitivity} from {@link SensitivityLevel#HIGH} (reference pattern 4). */
    public List<CapabilityWithResource> listHighSensitivity(int limit) {
        return listBySensitivity(SensitivityLevel.HIGH, limit);
    }

    /**
     * Capabilities whose input schema has {@code key} as a <em>top-level</em> key (JSONB {@code ?}, reference
     * pattern 5), ordered by name, then id. Only top-level keys match: in a JSON Schema, {@code "required"} and
     * {@code "properties"} match, a property name nested under {@code "properties"} does not.
     *
     * @param key 1–255 characters
     * @param limit 1–{@value #MAX_LIMIT}
     */
    public List<Capability> searchByInputSchemaKey(String key, int limit) {
        Check.required("key", key, 255);
        Check.limit(limit, MAX_LIMIT);
        return Jdbc.listInlined(context, context.dsl().selectFrom(CAPABILITIES)
                // "??" is pgjdbc's escape for PostgreSQL's "?" operator (a lone "?" would be a bind marker)
                .where(DSL.condition("{0} ?? {1}", CAPABILITIES.INPUT_SCHEMA, SqlLiteral.text(key)))
                .orderBy(CAPABILITIES.NAME, CAPABILITIES.ID)
                .limit(limit), Rows::capability);
    }

    /** Capabilities whose metadata contains {@code filter} (JSONB {@code @>}), ordered by name, then id. */
    public List<Capability> searchByMetadata(JsonNode filter, int limit) {
        Check.jsonObject("filter", filter);
        Check.limit(limit, MAX_LIMIT);
        return context.dsl().selectFrom(CAPABILITIES)
                .where(ResourceDao.jsonbContains(CAPABILITIES.METADATA, filter))
                .orderBy(CAPABILITIES.NAME, CAPABILITIES.ID)
                .limit(limit)
                .fetch(Rows::capability);
    }

    /**
     * Resources and capabilities per protocol, most capabilities first, then by protocol (reference pattern 6).
     * Protocols with resources but no capabilities are included with 0.
     *
     * <p>It reads the counts the schema maintains in {@code catalogue_counts} (kept by triggers on every write to
     * {@code resources} and {@code capabilities}, see docs/schema.md), a few rows per protocol, so its cost does
     * not grow with the catalogue. The counts include every committed write and this transaction's own.
     */
    public List<ProtocolCapabilityCount> countPerProtocol() {
        Field<java.math.BigDecimal> resources = DSL.sum(CATALOGUE_COUNTS.RESOURCES).as("resource_count");
        Field<java.math.BigDecimal> caps = DSL.sum(CATALOGUE_COUNTS.CAPABILITIES).as("capability_count");
        return context.dsl()
                .select(CATALOGUE_COUNTS.PROTOCOL, resources, caps)
                .from(CATALOGUE_COUNTS)
                .groupBy(CATALOGUE_COUNTS.PROTOCOL)
                .having(DSL.sum(CATALOGUE_COUNTS.RESOURCES).gt(java.math.BigDecimal.ZERO))
                .orderBy(caps.desc(), CATALOGUE_COUNTS.PROTOCOL)
                .fetch(r -> new ProtocolCapabilityCount(new Protocol(r.get(CATALOGUE_COUNTS.PROTOCOL)),
                        r.get(resources).longValueExact(), r.get(caps).longValueExact()));
    }

    /**
     * Capabilities of resources of the given protocols whose sensitivity is at least {@code minimum}, ordered by
     * protocol, then capability name and id (reference pattern 7, which used {@code mcp, http, grpc} and
     * "not low"); at most {@code limit} rows. One statement, so one snapshot.
     *
     * <p>Its cost follows the rows returned, not the catalogue: each protocol's rows are read in order from
     * {@code ix_capabilities_name (name, id)}, with the resource and sensitivity read from that index and the
     * protocol from {@code ix_resources_id_protocol}, and a protocol is only read when the protocols before it have
     * fewer than {@code limit} rows. Only the rows returned are read from the table (for the input schema's type).
     *
     * @param protocols 1–20 protocols
     * @param limit 1–{@value #MAX_LIMIT}
     */
    public List<CrossProtocolCapability> listAcrossProtocols(Collection<Protocol> protocols, SensitivityLevel minimum, int limit) {
        Check.noNulls("protocols", protocols);
        if (protocols.isEmpty() || protocols.size() > 20) {
            throw new InvalidInputException("protocols", "must name 1 to 20 protocols, got " + protocols.size());
        }
        Check.notNull("minimum", minimum);
        Check.limit(limit, MAX_LIMIT);
        List<String> levels = Arrays.stream(SensitivityLevel.values()).filter(l -> l.compareTo(minimum) >= 0)
                .map(SensitivityLevel::dbValue).toList();
        DSLContext dsl = context.dsl();
        List<CommonTableExpression<?>> branches = new ArrayList<>();
        Select<Record> union = null;
        Field<Integer> before = null; // rows found by the branches of the earlier protocols
        for (Protocol p : new TreeSet<>(protocols)) {
            // a branch whose earlier branches already found `limit` rows is never run: a one-time filter on
            // their counts (a LIMIT computed from them would leave the planner guessing its size)
            var cte = DSL.name("p" + branches.size()).as(dsl
                    .select(RESOURCES.PROTOCOL, CAPABILITIES.ID, CAPABILITIES.NAME, CAPABILITIES.SENSITIVITY_LEVEL,
                            DSL.inline(branches.size()).as("ord"))
                    .from(CAPABILITIES).join(RESOURCES).on(RESOURCES.ID.eq(CAPABILITIES.RESOURCE_ID))
                    .where(before == null ? DSL.noCondition() : before.lt(DSL.inline(limit)))
                    .and(RESOURCES.PROTOCOL.eq(p.value()))
                    .and(CAPABILITIES.SENSITIVITY_LEVEL.in(levels))
                    .orderBy(CAPABILITIES.NAME, CAPABILITIES.ID)
                    .limit(DSL.inline(limit)));
            Field<Integer> found = DSL.field(DSL.selectCount().from(cte));
            before = before == null ? found : before.plus(found);
            branches.add(cte);
            SelectJoinStep<Record> rows = dsl.select(cte.fields()).from(cte);
            union = union == null ? rows : union.unionAll(rows);
        }
        Table<?> first = dsl.selectFrom(union.asTable("u"))
                .orderBy(DSL.field(DSL.name("ord")), DSL.field(DSL.name("name")), DSL.field(DSL.name("id")))
                .limit(DSL.inline(limit)).asTable("x");
        Field<String> id = first.field(CAPABILITIES.ID);
        var c = CAPABILITIES.as("c");
        Field<String> inputType = DSL.field(DSL.select(DSL.field("{0} ->> 'type'", String.class, c.INPUT_SCHEMA))
                .from(c).where(c.ID.eq(id)));
        Field<String> name = first.field(CAPABILITIES.NAME);
        return Jdbc.listInlined(context, dsl.with(branches)
                .select(first.field(RESOURCES.PROTOCOL), id, name, first.field(CAPABILITIES.SENSITIVITY_LEVEL), inputType)
                .from(first)
                .orderBy(first.field("ord"), name, id), rs -> new CrossProtocolCapability(new Protocol(rs.getString(1)),
                rs.getString(2), rs.getString(3), Db.sensitivity(rs.getString(4)), Optional.ofNullable(rs.getString(5))));
    }

    private static CapabilityWithResource withResource(Record r) {
        return new CapabilityWithResource(r.get(RESOURCES.ID), r.get(RESOURCES.NAME), new Protocol(r.get(RESOURCES.PROTOCOL)),
                r.get(CAPABILITIES.ID), r.get(CAPABILITIES.NAME), Db.sensitivity(r.get(CAPABILITIES.SENSITIVITY_LEVEL)));
    }

    private static List<Capability> insert(DSLContext dsl, String resourceId, List<NewCapability> caps, OffsetDateTime now) {
        var insert = dsl.insertInto(CAPABILITIES, CAPABILITIES.ID, CAPABILITIES.RESOURCE_ID,
                CAPABILITIES.NAME, CAPABILITIES.DESCRIPTION, CAPABILITIES.INPUT_SCHEMA, CAPABILITIES.OUTPUT_SCHEMA,
                CAPABILITIES.SENSITIVITY_LEVEL, CAPABILITIES.METADATA, CAPABILITIES.CREATED_AT, CAPABILITIES.UPDATED_AT);
        for (NewCapability c : caps) {
            insert = insert.values(c.id(), resourceId, c.name(), c.description(), c.inputSchema(), c.outputSchema(),
                    c.sensitivityLevel().dbValue(), c.metadata(), now, now);
        }
        // RETURNING rows of a multi-row INSERT come in VALUES order in PostgreSQL, but re-order by id to be safe.
        List<Capability> returned = insert.returning().fetch(Rows::capability);
        java.util.Map<String, Capability> byId = new java.util.HashMap<>();
        returned.forEach(c -> byId.put(c.id(), c));
        return caps.stream().map(c -> byId.get(c.id())).toList();
    }

    private static CapabilitiesRecord record(DSLContext dsl, String resourceId, NewCapability c, OffsetDateTime now) {
        CapabilitiesRecord rec = dsl.newRecord(CAPABILITIES);
        rec.setId(c.id());
        rec.setResourceId(resourceId);
        rec.setName(c.name());
        rec.setDescription(c.description());
        rec.setInputSchema(c.inputSchema());
        rec.setOutputSchema(c.outputSchema());
        rec.setSensitivityLevel(c.sensitivityLevel().dbValue());
        rec.setMetadata(c.metadata());
        rec.setCreatedAt(now);
        rec.setUpdatedAt(now);
        return rec;
    }

    /**
     * Runs a catalogue write (see {@link Errors#translate(java.util.function.Supplier)}: a deadlock victim runs again,
     * which V8's counting triggers make possible, as they lock the resources they count) and turns the foreign-key
     * violation of a missing resource into {@link NotFoundException}.
     */
    private static <T> T withMissingResource(String resourceId, java.util.function.Supplier<T> work) {
        try {
            return Errors.translate(work);
        } catch (io.sark.schema.SarkException e) {
            Throwable c = e.getCause();
            if (c instanceof DataAccessException dae && "23503".equals(Tx.sqlState(dae))) {
                throw new NotFoundException("resource", resourceId);
            }
            throw e;
        }
    }
}
