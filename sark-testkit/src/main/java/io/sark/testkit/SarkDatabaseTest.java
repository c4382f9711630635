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
 * The database is a clone of a template migrated once per JVM (see {@link SarkTestDatabases}) and is dropped
 * when its scope ends, whether the tests passed or not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SarkDatabaseExtension.class)
public @interface SarkDatabaseTest {

    /** Per class (default) or per method. */
    Isolation isolation() default Isolation.PER_CLASS;

    /** The PostgreSQL schema to migrate into. */
    String schema() default SarkSchema.DEFAULT_SCHEMA;
}
