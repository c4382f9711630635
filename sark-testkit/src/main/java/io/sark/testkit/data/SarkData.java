package io.sark.testkit.data;

import io.sark.schema.jooq.tables.records.CapabilitiesRecord;
import io.sark.schema.jooq.tables.records.PrincipalBudgetsRecord;
import io.sark.schema.jooq.tables.records.TeamsRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;

/**
 * Valid SARK rows in one line, written through the generated jOOQ classes of {@code sark-schema} (not through
 * {@code sark-dao}, which uses this testkit in its own tests).
 *
 * <pre>{@code
 * SarkData data = SarkData.with(dsl, 42);
 * TestResource r = data.resource().protocol("http").withCapabilities(3).insert();
 * TestFederationNode node = data.federationNode().insert();          // with a self-signed certificate
 * PrincipalBudgetsRecord budget = data.budget().daily("10.00").insert();
 * data.cost().principal(budget).forCapability(r.capabilities().get(0)).insert(100);
 * }</pre>
 *
 * <p>Every builder starts with valid defaults (constraints, foreign keys and unique keys satisfied; parents
 * such as a budget for a reservation are inserted when none is given) and overrides only what a test cares
 * about. {@code insert()} writes and returns the row as the database stored it (generated columns included).
 *
 * <p>Determinism: the defaults of the n-th builder of a kind (the n-th user, the n-th resource...) depend
 * only on the seed, the kind and n, not on what else was built; timestamps come from the clock, fixed at
 * {@link #DEFAULT_NOW} unless another is given. The same seed and the same sequence of calls per kind produce
 * the same rows. Unique values (emails, names, ids) carry a seed-derived suffix, so data from two seeds can be
 * mixed in one database (e.g. a {@link io.sark.testkit.SarkSeed} with seed 42 and tests with seed 1).
 *
 * <p>Thread-safe; rows built concurrently get distinct n, in no particular order.
 */
public final class SarkData {

    /**
     * The default "now" of generated rows: 2026-01-15T12:00:00Z, mid-day and mid-month, so that rows a few
     * minutes or hours in the past still fall into the current UTC day and month windows.
     */
    public static final Instant DEFAULT_NOW = Instant.parse("2026-01-15T12:00:00Z");

    private final DSLContext dsl;
    private final long seed;
    private final Clock clock;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private SarkData(DSLContext dsl, long seed, Clock clock) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.seed = seed;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Builders writing to {@code dsl}, with values derived from {@code seed} and "now" = {@link #DEFAULT_NOW}. */
    public static SarkData with(DSLContext dsl, long seed) {
        return new SarkData(dsl, seed, Clock.fixed(DEFAULT_NOW, ZoneOffset.UTC));
    }

    /**
     * Builders writing to {@code dsl} with "now" from {@code clock}, e.g. {@code Clock.systemUTC()} when code
     * under test compares with the database's {@code now()} (rows are then no longer identical across runs).
     */
    public static SarkData with(DSLContext dsl, long seed, Clock clock) {
        return new SarkData(dsl, seed, clock);
    }

    /** The jOOQ context rows are written with. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** "Now" for generated timestamps, in UTC. */
    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A user ({@code users}). */
    public UserBuilder user() {
        return new UserBuilder(this, draw("user"));
    }

    /** A team ({@code teams}), optionally with members ({@code user_teams}). */
    public TeamBuilder team() {
        return new TeamBuilder(this, draw("team"));
    }

    /** A v2 resource ({@code resources}), optionally with capabilities. */
    public ResourceBuilder resource() {
        return new ResourceBuilder(this, draw("resource"));
    }

    /** A capability of a resource ({@code capabilities}); a resource is inserted if none is given. */
    public CapabilityBuilder capability() {
        return new CapabilityBuilder(this, draw("capability"));
    }

    /** A federation node with a generated self-signed trust anchor certificate ({@code federation_nodes}). */
    public FederationNodeBuilder federationNode() {
        return new FederationNodeBuilder(this, draw("federation_node"));
    }

    /** A principal's budget ({@code principal_budgets}). */
    public BudgetBuilder budget() {
        return new BudgetBuilder(this, draw("budget"));
    }

    /** A budget reservation ({@code budget_reservations}); keeps the budget's reserved counters consistent. */
    public ReservationBuilder reservation() {
        return new ReservationBuilder(this, draw("reservation"));
    }

    /** A cost ledger row ({@code cost_tracking}). */
    public CostBuilder cost() {
        return new CostBuilder(this, draw("cost"));
    }

    /** An audit event ({@code audit_events}). */
    public AuditEventBuilder auditEvent() {
        return new AuditEventBuilder(this, draw("audit_event"));
    }

    /** An API key ({@code api_keys}) with its plaintext secret. */
    public ApiKeyBuilder apiKey() {
        return new ApiKeyBuilder(this, draw("api_key"));
    }

    /** A policy ({@code policies}) with one or more versions ({@code policy_versions}). */
    public PolicyBuilder policy() {
        return new PolicyBuilder(this, draw("policy"));
    }

    // ---- defaults for parents, shared by builders --------------------------------------------------------

    UsersRecord defaultUser() {
        return user().insert();
    }

    TeamsRecord defaultTeam() {
        return team().insert();
    }

    PrincipalBudgetsRecord defaultBudget() {
        return budget().insert();
    }

    CapabilitiesRecord defaultCapability() {
        return resource().withCapabilities(1).insert().capabilities().get(0);
    }

    private Draw draw(String kind) {
        long n = counters.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return new Draw(seed, kind, n);
    }
}
