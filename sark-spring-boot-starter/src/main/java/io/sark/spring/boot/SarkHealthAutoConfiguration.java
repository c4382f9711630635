package io.sark.spring.boot;

import javax.sql.DataSource;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sark} health indicator when the actuator is on the class path ({@code management.health.sark.enabled},
 * default true).
 */
@AutoConfiguration(after = SarkAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(SarkSchemaInitializer.class)
@ConditionalOnEnabledHealthIndicator("sark")
public class SarkHealthAutoConfiguration {

    /** Schema version, pending migrations and (opt-in) the migration run state. */
    @Bean
    @ConditionalOnMissingBean(name = "sarkHealthIndicator")
    public SarkHealthIndicator sarkHealthIndicator(DataSource dataSource, SarkSchemaInitializer schema, SarkProperties properties) {
        return new SarkHealthIndicator(dataSource, schema.schema().schema(), properties.getHealth().isMigrationRuns());
    }
}
