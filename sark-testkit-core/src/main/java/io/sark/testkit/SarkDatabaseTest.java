package io.sark.testkit;

import io.sark.schema.SarkSchema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a freshly migrated SARK database and injects it into test constructors, lifecycle
 * and test methods as a {@link javax.sql.DataSource}, a jOOQ {@link org.jooq.DSLContext} or a
 * {@link TestDatabase}.
 *
 * <pre>{@code
 * @SarkDatabaseTest
 * class ResourceTest {
 *     @Test
 *     void inserts(DSLContext dsl) { ... }
 * }
 * }</pre>
 *
 * The database is a clone of a template migrated (and {@linkplain #seed() seeded}) once per JVM (see
 * {@link SarkTestDatabases}) and is dropped when its scope ends ({@link #isolation()}), whether the tests
 * passed or not. The server comes from {@link TestkitSettings}; with {@code sark.testkit.server=testcontainers}
 * and no Docker engine the annotated class is skipped with a message saying so.
 *
 * <p>With {@code sark-testkit} (not only its core) on the classpath, also injects {@code io.sark.testkit.data.SarkData}
 * (builders of valid rows, one per database, seeded with {@link #dataSeed()}) and {@code io.sark.dao.SarkDatabase}
 * (bound to the test database's schema and pool, which it does not own). Both use one clock: {@link #now()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SarkDatabaseExtension.class)
public @interface SarkDatabaseTest {

    /** Per class (default), per method or shared by the whole run. */
    Isolation isolation() default Isolation.PER_CLASS;

    /** The PostgreSQL schema to migrate into. */
    String schema() default SarkSchema.DEFAULT_SCHEMA;

    /**
     * Rows written once into the template, so every database of this class starts with them. Classes with the
     * same schema and seed share one template.
     */
    Class<? extends SarkSeed> seed() default SarkSeed.None.class;

    /** The seed of the injected {@code SarkData}: same seed, same generated values. */
    long dataSeed() default 1L;

    /**
     * "Now" for the injected {@code SarkData} and {@code SarkDatabase}, which always share one clock: empty (the
     * default) for the system clock in UTC, the DAO's own default, so rows a builder makes agree with any other
     * {@code SarkDatabase} and with the database's {@code now()}; or an ISO-8601 instant such as
     * {@code "2026-01-15T12:00:00Z"} for a fixed clock (holds and budget windows then never move).
     */
    String now() default "";
}
