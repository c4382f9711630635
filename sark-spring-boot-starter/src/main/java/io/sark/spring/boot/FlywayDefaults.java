package io.sark.spring.boot;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * SARK needs Flyway 13 (its schema migrations run through {@code SarkSchema}); Spring Boot 3.5's own Flyway
 * auto-configuration is written for Flyway 11 and fails on 13 (it calls the removed
 * {@code FluentConfiguration.cleanOnValidationError}). When that method is missing, this sets
 * {@code spring.flyway.enabled=false} as a default of the lowest precedence, so that an application with the starter
 * starts; an application that sets the property itself decides. Registered in {@code META-INF/spring.factories}.
 */
public class FlywayDefaults implements EnvironmentPostProcessor {

    /** Name of the property source holding the default. */
    public static final String SOURCE = "sarkFlywayDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (bootFlywayIncompatible()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("spring.flyway.enabled", "false")));
        }
    }

    /** Whether the Flyway on the class path lacks what Spring Boot's Flyway auto-configuration calls. */
    static boolean bootFlywayIncompatible() {
        try {
            Class<?> fluent = Class.forName("org.flywaydb.core.api.configuration.FluentConfiguration", false,
                    FlywayDefaults.class.getClassLoader());
            fluent.getMethod("cleanOnValidationError", boolean.class);
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
