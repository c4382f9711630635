package io.sark.testkit.data;

import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.Capability;
import io.sark.dao.model.Team;
import io.sark.dao.model.User;
import io.sark.schema.SarkSchema;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;

/**
 * Valid SARK rows in one line, in the DAO's vocabulary: builders take and return {@code io.sark.dao.model} types
 * and enums, on the clock of a {@link SarkDatabase}.
 *
 * <pre>{@code
 * SarkData data = SarkData.with(db, 42);                           // or inject SarkData (and SarkDatabase)
 * ResourceWithCapabilities r = data.resource().protocol(Protocol.HTTP).withCapabilities(3).insert();
 * CreatedApiKey key = data.apiKey().scopes("server:read").insert();
 * db.apiKeys().verify(key.plaintext());                            // present: the DAO's key format and hash
 * BudgetReservation hold = data.reservation().amount("2.50").insert(); // live for the DAO: same clock
 * }</pre>
 *
 * <p>Promises:
 * <ul>
 *   <li>Every builder starts with valid defaults (constraints, foreign keys and unique keys hold; parents such
 *       as a budget for a reservation are inserted when none is given) and overrides only what a test cares about.
 *       {@code insert()} returns what the DAO reads back for the new row ({@code users().findById}, ...), so it
 *       is exactly what the code under test will see.</li>
 *   <li>One clock: "now" is {@link SarkDatabase#clock()} of the database this instance writes to. API keys are in
 *       the DAO's format and verify through {@code apiKeys().verify}; costs and audit events are written by the
 *       DAO itself ({@code costs().record}, {@code auditEvents().append}); rows the DAO cannot create in the state a
 *       test wants (revoked or expired keys, holds, spent budgets, policies) are written with the same rules and
 *       read back through it.</li>
 *   <li>Deterministic values: the n-th builder of a kind (the n-th user, the n-th resource...) draws its values
 *       from (seed, kind, n) only; timestamps follow the clock. Unique values (emails, names, ids, key prefixes)
 *       carry seed-derived characters, so data from two seeds can be mixed in one database (a seed written with
 *       seed 42, tests with seed 1).</li>
 *   <li>Thread-safe; rows built concurrently get distinct n, in no particular order.</li>
 * </ul>
 */
public final class SarkData {

    private final SarkDatabase db;
    private final DSLContext dsl;
    private final long seed;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private SarkData(SarkDatabase db, DSLContext dsl, long seed) {
        this.db = db;
        this.dsl = dsl;
        this.seed = seed;
    }

    /**
     * Builders writing to {@code db}'s schema, on {@code db}'s clock, with values derived from {@code seed}. This
     * is what an injected {@code SarkData} is (with the injected {@code SarkDatabase}).
     */
    public static SarkData with(SarkDatabase db, long seed) {
        Objects.requireNonNull(db, "db");
        return new SarkData(db, db.dsl(), seed);
    }

    /**
     * Builders writing through {@code dsl} (e.g. the one a {@link io.sark.testkit.SarkSeed} gets, inside its
     * transaction) on the system clock in UTC: the DAO's default clock.
     */
    public static SarkData with(DSLContext dsl, long seed) {
        return with(dsl, seed, Clock.systemUTC());
    }

    /** Like {@link #with(DSLContext, long)} with "now" from {@code clock}. */
    public static SarkData with(DSLContext dsl, long seed, Clock clock) {
        Objects.requireNonNull(dsl, "dsl");
        Objects.requireNonNull(clock, "clock");
        SarkDatabase db = SarkDatabase.using(new DslDataSource(dsl)).withSchema(schemaOf(dsl)).withClock(clock);
        return new SarkData(db, dsl, seed);
    }

    /** The DAO view the builders read back through (its schema and clock are this instance's). */
    public SarkDatabase database() {
        return db;
    }

    /** The jOOQ context rows are written with. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The clock of generated timestamps: {@code database().clock()}. */
    public Clock clock() {
        return db.clock();
    }

    /** "Now" on {@link #clock()}. */
    public Instant now() {
        return db.clock().instant();
    }

    /** A user. */
    public UserBuilder user() {
        return new UserBuilder(this, draw("user"));
    }

    /** A team, optionally with members. */
    public TeamBuilder team() {
        return new TeamBuilder(this, draw("team"));
    }

    /** A v2 resource, optionally with capabilities. */
    public ResourceBuilder resource() {
        return new ResourceBuilder(this, draw("resource"));
    }

    /** A capability of a resource; a resource is inserted if none is given. */
    public CapabilityBuilder capability() {
        return new CapabilityBuilder(this, draw("capability"));
    }

    /** A federation node with a generated self-signed trust anchor certificate. */
    public FederationNodeBuilder federationNode() {
        return new FederationNodeBuilder(this, draw("federation_node"));
    }

    /** A principal's budget. */
    public BudgetBuilder budget() {
        return new BudgetBuilder(this, draw("budget"));
    }

    /** A budget reservation (hold); keeps the budget's reserved counters consistent. */
    public ReservationBuilder reservation() {
        return new ReservationBuilder(this, draw("reservation"));
    }

    /** A cost ledger row, recorded by the DAO. */
    public CostBuilder cost() {
        return new CostBuilder(this, draw("cost"));
    }

    /** An audit event, appended by the DAO. */
    public AuditEventBuilder auditEvent() {
        return new AuditEventBuilder(this, draw("audit_event"));
    }

    /** An API key in the DAO's format, with its plaintext. */
    public ApiKeyBuilder apiKey() {
        return new ApiKeyBuilder(this, draw("api_key"));
    }

    /** A policy with one or more versions. */
    public PolicyBuilder policy() {
        return new PolicyBuilder(this, draw("policy"));
    }

    // ---- shared by builders ----------------------------------------------------------------------------------

    User defaultUser() {
        return user().insert();
    }

    Team defaultTeam() {
        return team().insert();
    }

    BudgetStatus defaultBudget() {
        return budget().insert();
    }

    Capability defaultCapability() {
        return resource().withCapabilities(1).insert().capabilities().get(0);
    }

    /** What the DAO reads back for a row just written; a missing row is a bug in a builder. */
    <T> T readBack(String what, Function<SarkDatabase, Optional<T>> read) {
        return read.apply(db).orElseThrow(() -> new IllegalStateException("the DAO cannot read back the " + what
                + " just inserted"));
    }

    private Draw draw(String kind) {
        long n = counters.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return new Draw(seed, kind, n);
    }

    private static String schemaOf(DSLContext dsl) {
        RenderMapping mapping = dsl.settings().getRenderMapping();
        if (mapping != null) {
            for (MappedSchema s : mapping.getSchemata()) {
                if (SarkSchema.DEFAULT_SCHEMA.equals(s.getInput()) && s.getOutput() != null) {
                    return s.getOutput();
                }
            }
        }
        return SarkSchema.DEFAULT_SCHEMA;
    }
}
