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
 * <p>Also injects a {@link io.sark.testkit.data.SarkData} (one per database, seeded with {@link #dataSeed()})
 * for one-line valid rows.
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

    /** The seed of the injected {@link io.sark.testkit.data.SarkData}: same seed, same generated values. */
    long dataSeed() default 1L;
}
