package io.sark.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.SarkDatabase;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaMigrationException;
import io.sark.spring.boot.app.TestApplication;
import io.sark.testkit.SarkTestDatabases;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-up against an empty database: concurrent migration, validate, false, and back-off. */
class StartupTest {

    private static String[] datasource(TestDatabase db, String... more) {
        List<String> p = new ArrayList<>(List.of("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + (db.password() == null ? "" : db.password()), "management.endpoint.health.show-details=always"));
        p.addAll(List.of(more));
        return p.toArray(String[]::new);
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String... more) {
        return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE).properties(datasource(db, more)).run();
    }

    @Test
    void twoInstancesStartingAtOnceMigrateOnce() throws Exception {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                started.add(pool.submit(() -> {
                    together.await();
                    return start(db, "sark.schema.migrate=true");
                }));
            }
            List<ConfigurableApplicationContext> contexts = new ArrayList<>();
            try {
                for (Future<ConfigurableApplicationContext> f : started) {
                    contexts.add(f.get(2, TimeUnit.MINUTES));
                }
                for (ConfigurableApplicationContext c : contexts) {
                    assertThat(c.getBean(SarkDatabase.class).schema()).isEqualTo("sark");
                    assertThat(c.getBean(SarkSchemaInitializer.class).schema().currentVersion()).contains(SarkSchema.LATEST_VERSION);
                }
                long applied = contexts.stream().mapToLong(c -> c.getBean(SarkSchemaInitializer.class).result().orElseThrow().applied().size()).sum();
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT version) FROM sark." + SarkSchema.HISTORY_TABLE
                             + " WHERE success AND version IS NOT NULL")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("each migration applied once").isEqualTo(rs.getLong(2));
                    assertThat(applied).as("the two instances applied them between them, once").isEqualTo(rs.getLong(1));
                }
            } finally {
                contexts.forEach(ConfigurableApplicationContext::close);
                pool.shutdownNow();
            }
        }
    }

    @Test
    void validateRefusesAnUnmigratedSchemaAndFalseLeavesItDown() {
        try (TestDatabase db = SarkTestDatabases.shared().createEmpty()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(db, "sark.schema.migrate=validate"))
                    .hasRootCauseInstanceOf(SchemaMigrationException.class);
            try (ConfigurableApplicationContext c = start(db, "sark.schema.migrate=false")) {
                SarkHealthIndicator health = c.getBean(SarkHealthIndicator.class);
                assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.health().getDetails()).containsEntry("version", "none");
            }
            try (ConfigurableApplicationContext c = start(db, "sark.schema.migrate=validate", "sark.schema.name=sark")) {
                throw new AssertionError("validate must still refuse");
            } catch (RuntimeException expected) {
                assertThat(expected).hasRootCauseInstanceOf(SchemaMigrationException.class);
            }
            try (ConfigurableApplicationContext c = start(db)) {                      // default: migrate
                assertThat(c.getBean(SarkHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            }
            try (ConfigurableApplicationContext c = start(db, "sark.schema.migrate=validate")) {
                assertThat(c.getBean(SarkDatabase.class)).isNotNull();
            }
        }
    }

    @Test
    void backsOffWhenTheApplicationHasItsOwnSarkDatabase() {
        try (TestDatabase db = SarkTestDatabases.shared().create()) {
            SarkDatabase own = SarkDatabase.using(db.dataSource()).withSchema(db.schema());
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SarkAutoConfiguration.class))
                    .withPropertyValues(datasource(db, "sark.schema.name=" + db.schema()))
                    .withBean("mine", SarkDatabase.class, () -> own)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).getBeans(SarkDatabase.class).containsOnlyKeys("mine");
                        assertThat(context.getBean(SarkDatabase.class)).isSameAs(own);
                        assertThat(context).hasSingleBean(SarkSchemaInitializer.class);
                    });
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SarkAutoConfiguration.class))
                    .withPropertyValues(datasource(db, "sark.schema.name=" + db.schema()))
                    .run(context -> assertThat(context).getBeans(SarkDatabase.class).containsOnlyKeys("sarkDatabase"));
        }
    }
}
