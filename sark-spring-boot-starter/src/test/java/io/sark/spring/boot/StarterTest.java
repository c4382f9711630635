package io.sark.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.schema.SarkSchema;
import io.sark.spring.boot.app.TestApplication;
import io.sark.spring.boot.test.AutoConfigureSarkTestDatabase;
import io.sark.testkit.TestDatabase;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;

/** An application with only the starter and a DataSource: migrated schema, SarkDatabase bean, health and metrics. */
@SpringBootTest(classes = TestApplication.class, properties = {"management.endpoint.health.show-details=always",
        "sark.health.migration-runs=true"})
@AutoConfigureSarkTestDatabase
class StarterTest {

    @Autowired
    SarkDatabase db;
    @Autowired
    TestDatabase testDatabase;
    @Autowired
    MeterRegistry registry;
    @Autowired
    HealthEndpoint health;
    @Autowired
    SarkSchemaInitializer initializer;

    @Test
    void theBeanUsesTheTestDatabaseAndItsSchema() {
        assertThat(db.schema()).isEqualTo(testDatabase.schema());
        assertThat(initializer.schema().currentVersion()).contains(SarkSchema.LATEST_VERSION);
        assertThat(db.resources().listByProtocol(io.sark.dao.model.Protocol.HTTP, 10).items()).isEmpty();
    }

    @Test
    void healthReportsTheSchemaVersionAndTheMigrationRuns() {
        HealthComponent sark = health.healthForPath("sark");
        assertThat(sark.getStatus()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) ((org.springframework.boot.actuate.health.Health) sark).getDetails();
        assertThat(details).containsEntry("version", SarkSchema.LATEST_VERSION).containsEntry("pending", 0)
                .containsEntry("schema", testDatabase.schema()).containsEntry("migration", "none");
    }

    @Test
    void chargesReachTheApplicationsMeterRegistry() {
        db.budgets().setLimits("spring-1", BudgetLimits.of("EUR").daily("1"));
        db.budgets().charge("spring-1", new BigDecimal("0.5"), "EUR");
        db.budgets().charge("spring-1", new BigDecimal("0.9"), "EUR");
        assertThat(registry.get("sark.budget.charges").tags("operation", "charge", "outcome", "accepted").counter().count()).isEqualTo(1);
        assertThat(registry.get("sark.budget.charges").tags("outcome", "refused", "reason", "daily").counters())
                .extracting(c -> c.count()).contains(1.0);
    }
}
