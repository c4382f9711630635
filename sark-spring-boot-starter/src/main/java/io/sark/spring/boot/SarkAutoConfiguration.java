package io.sark.spring.boot;

import io.sark.dao.SarkDatabase;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * SARK from the application's {@link DataSource}: the schema migrated or validated on start-up
 * ({@link SarkSchemaInitializer}) and a {@link SarkDatabase} bound to {@code sark.schema.name}, to the application's
 * {@link Clock} bean if it has exactly one (else the UTC system clock), and to its Micrometer {@code MeterRegistry}
 * if it has one. Each bean backs off when the application defines its own.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(SarkDatabase.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SarkProperties.class)
public class SarkAutoConfiguration {

    static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    /** Runs {@code sark.schema.migrate} before the SARK beans are used. */
    @Bean
    @ConditionalOnMissingBean
    public SarkSchemaInitializer sarkSchemaInitializer(DataSource dataSource, SarkProperties properties) {
        return new SarkSchemaInitializer(dataSource, properties.getSchema().getName(), properties.getSchema().getMigrate());
    }

    /** The DAO over the application's pool (which the application keeps owning). */
    @Bean
    @ConditionalOnMissingBean
    public SarkDatabase sarkDatabase(DataSource dataSource, SarkProperties properties, SarkSchemaInitializer schema,
                                     ObjectProvider<Clock> clock, ListableBeanFactory beans) {
        SarkDatabase db = SarkDatabase.using(dataSource).withSchema(properties.getSchema().getName())
                .withClock(clock.getIfUnique(Clock::systemUTC));
        Object registry = properties.getMetrics().isEnabled() ? meterRegistry(beans) : null;
        return registry == null ? db : db.withMetrics(registry, properties.getMetrics().isOperationTimers());
    }

    /** The application's MeterRegistry, looked up by name so that this class loads without Micrometer. */
    static Object meterRegistry(ListableBeanFactory beans) {
        ClassLoader loader = SarkAutoConfiguration.class.getClassLoader();
        if (!ClassUtils.isPresent(METER_REGISTRY, loader)) {
            return null;
        }
        return beans.getBeanProvider(ClassUtils.resolveClassName(METER_REGISTRY, loader)).getIfUnique();
    }
}
