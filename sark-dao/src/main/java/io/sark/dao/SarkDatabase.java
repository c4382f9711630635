package io.sark.dao;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.DaoMetrics;
import io.sark.dao.internal.Errors;
import io.sark.dao.internal.LiveConnections;
import io.sark.schema.SarkSchema;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Entry point of the SARK DAO layer.
 *
 * <pre>{@code
 * try (SarkDatabase db = SarkDatabase.connect(config)) {          // owns a HikariCP pool
 *     Resource r = db.resources().create(NewResource.mcp("fs", "npx -y @mcp/server-fs"));
 *     db.useTransaction(tx -> tx.capabilities().createAll(r.id(), tools));
 * }
 * SarkDatabase db = SarkDatabase.using(dataSource);                // the caller owns the pool
 * }</pre>
 *
 * Each DAO call outside a transaction callback runs in its own transaction. Thread-safe.
 */
public final class SarkDatabase extends Daos implements AutoCloseable {

    static {
        io.sark.schema.LibraryDefaults.quietJooq(); // before jOOQ renders its first query: no logo, no tips
    }

    private final HikariDataSource ownedPool;
    private final DataSource dataSource;

    private SarkDatabase(DataSource dataSource, HikariDataSource ownedPool, String schema, Clock clock, DaoMetrics metrics) {
        super(new DaoContext(createDsl(dataSource, schema), clock, schema, metrics));
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
    }

    /** Opens a HikariCP pool from {@code config}; {@link #close()} closes it. */
    public static SarkDatabase connect(SarkConfig config) {
        Objects.requireNonNull(config, "config");
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maximumPoolSize());
        hikari.setMinimumIdle(config.minimumIdle());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setPoolName("sark");
        config.meterRegistry().ifPresent(hikari::setMetricRegistry); // the pool's own meters (hikaricp.*)
        DaoMetrics metrics = DaoMetrics.of(config.meterRegistry().orElse(null), config.operationTimers());
        HikariDataSource pool = new HikariDataSource(hikari);
        return new SarkDatabase(pool, pool, config.schema(), config.clock(), metrics);
    }

    /** Uses a DataSource the caller owns (and closes); schema {@value SarkSchema#DEFAULT_SCHEMA}, UTC system clock. */
    public static SarkDatabase using(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new SarkDatabase(dataSource, null, SarkSchema.DEFAULT_SCHEMA, Clock.systemUTC(), DaoMetrics.NONE);
    }

    /**
     * The same database with the SARK tables in another PostgreSQL schema: a view over this instance's
     * connections that does not own them (closing the view leaves this instance's pool open).
     */
    public SarkDatabase withSchema(String schema) {
        return new SarkDatabase(dataSource, null, SarkConfig.requireSchemaName(schema), context.clock(), context.metrics());
    }

    /**
     * The same database with another clock (e.g. a fixed clock in tests): a view over this instance's connections
     * that does not own them (closing the view leaves this instance's pool open).
     */
    public SarkDatabase withClock(Clock clock) {
        return new SarkDatabase(dataSource, null, context.schema(), Objects.requireNonNull(clock, "clock"), context.metrics());
    }

    /**
     * {@link #withMetrics(Object, boolean)} without per-operation timers.
     *
     * @throws IllegalArgumentException if {@code meterRegistry} is not a Micrometer {@code MeterRegistry}
     */
    public SarkDatabase withMetrics(Object meterRegistry) {
        return withMetrics(meterRegistry, false);
    }

    /**
     * The same database reporting to {@code meterRegistry}, a Micrometer {@code io.micrometer.core.instrument.MeterRegistry}
     * (typed {@code Object} so that this class loads without Micrometer; null: report nothing): a view over this
     * instance's connections that does not own them. The meters (charges, reservations, ledger rows and, with
     * {@code operationTimers}, the duration of each budget and ledger operation) are listed in docs/spring.md; views
     * reporting to one registry share one set of meters.
     *
     * @throws IllegalArgumentException if {@code meterRegistry} is not a Micrometer {@code MeterRegistry}
     */
    public SarkDatabase withMetrics(Object meterRegistry, boolean operationTimers) {
        return new SarkDatabase(dataSource, null, context.schema(), context.clock(), DaoMetrics.of(meterRegistry, operationTimers));
    }

    /** The DataSource in use. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The PostgreSQL schema of the SARK tables. */
    public String schema() {
        return context.schema();
    }

    /** The clock used for "now". */
    public Clock clock() {
        return context.clock();
    }

    /** Migrates the SARK schema of this database to the latest version (see {@link SarkSchema}). */
    public io.sark.schema.SchemaMigrationResult migrate() {
        return SarkSchema.configure().dataSource(dataSource).schema(context.schema()).load().migrate();
    }

    /**
     * Runs {@code work} in one transaction and returns its result: committed when it returns, rolled back when
     * it throws (the exception propagates).
     */
    public <T> T inTransaction(Function<SarkTransaction, T> work) {
        return Errors.inCallerTransaction(() -> context.dsl().transactionResult(
                cfg -> work.apply(new SarkTransaction(context.with(DSL.using(cfg))))));
    }

    /** Like {@link #inTransaction} without a result. */
    public void useTransaction(Consumer<SarkTransaction> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * The jOOQ context (advanced use: queries the DAOs do not offer). Its failures are translated like the DAOs'
     * ({@link AppendOnlyViolationException}, {@link DuplicateKeyException}, {@link RetryableException}, ...).
     */
    public DSLContext dsl() {
        return context.dsl();
    }

    /**
     * Closes the pool if this instance opened it ({@link #connect}); otherwise (a {@link #using} instance, or a view
     * from {@link #withSchema}/{@link #withClock}) does nothing.
     */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    private static DSLContext createDsl(DataSource dataSource, String schema) {
        // no per-statement debug logging listener: it costs measurable time on every call even when disabled
        Settings settings = new Settings().withExecuteWithOptimisticLocking(false).withExecuteLogging(false);
        if (!SarkSchema.DEFAULT_SCHEMA.equals(schema)) {
            settings.setRenderMapping(new RenderMapping().withSchemata(
                    new MappedSchema().withInput(SarkSchema.DEFAULT_SCHEMA).withOutput(schema)));
        }
        // every statement's failure becomes the SDK's exception here, at the boundary (see Errors)
        return DSL.using(new DefaultConfiguration().set(new LiveConnections(dataSource)).set(SQLDialect.POSTGRES)
                .set(settings).set(Errors.LISTENER));
    }
}
