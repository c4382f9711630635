package io.sark.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@code @SpringBootTest} class its own freshly migrated SARK database from sark-testkit (the server chosen
 * by {@code sark.testkit.server}, embedded PostgreSQL by default): {@code spring.datasource.url/username/password}
 * point at it and {@code sark.schema.name} names its schema, with the highest precedence. The database is dropped
 * when the test class ends (its application context is closed then). The {@code io.sark.testkit.TestDatabase} is a
 * bean named {@code sarkTestDatabase}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureSarkTestDatabase {
}
