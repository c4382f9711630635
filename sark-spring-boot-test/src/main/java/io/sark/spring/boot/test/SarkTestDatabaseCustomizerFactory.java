package io.sark.spring.boot.test;

import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registered in {@code META-INF/spring.factories}: for a test class annotated with
 * {@link AutoConfigureSarkTestDatabase}, a customizer that creates the class's database before the context refreshes.
 */
public class SarkTestDatabaseCustomizerFactory implements ContextCustomizerFactory {

    /** Name of the property source and of the {@link TestDatabase} bean. */
    public static final String NAME = "sarkTestDatabase";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return AnnotatedElementUtils.hasAnnotation(testClass, AutoConfigureSarkTestDatabase.class) ? new Customizer(testClass) : null;
    }

    /** Equal only for the same test class: each class gets its own context and database. */
    static final class Customizer implements ContextCustomizer {
        private final Class<?> testClass;

        Customizer(Class<?> testClass) {
            this.testClass = testClass;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase db = SarkTestDatabases.shared().create();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(NAME, Map.of(
                    "spring.datasource.url", db.jdbcUrl(),
                    "spring.datasource.username", db.username(),
                    "spring.datasource.password", db.password() == null ? "" : db.password(),
                    "sark.schema.name", db.schema())));
            if (context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
                beans.registerSingleton(NAME, db);
                // registered before every other bean, so destroyed after them all: the pool closes, then the database goes
                beans.registerDisposableBean(NAME + ".drop", db::close);
            } else {
                context.addApplicationListener(e -> {
                    if (e instanceof org.springframework.context.event.ContextClosedEvent) {
                        db.close();
                    }
                });
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Customizer c && c.testClass == testClass;
        }

        @Override
        public int hashCode() {
            return Objects.hash(testClass);
        }
    }
}
