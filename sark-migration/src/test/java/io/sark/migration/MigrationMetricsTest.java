package io.sark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sark.testkit.v1.V1Shape;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** execute reports rows and batches per phase and runs by status to a Micrometer registry (docs/spring.md). */
class MigrationMetricsTest {

    @Test
    void executeCountsRowsBatchesAndRuns() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Fixture f = Fixture.create(V1Shape.MIGRATION, 25, 2, EnumSet.noneOf(io.sark.testkit.v1.V1EdgeCase.class))) {
            assertThatThrownBy(() -> f.migration().batchSize(10).batchHook((run, phase, batch) -> {
                if (phase == MigrationPhase.CAPABILITIES && batch == 5) {
                    throw new IllegalStateException("injected");
                }
            }).meterRegistry(registry).build().execute()).isInstanceOf(MigrationException.class);
            assertThat(registry.get("sark.migration.runs").tag("status", "failed").counter().count()).isEqualTo(1);
            ExecuteResult done = f.migration().batchSize(10).meterRegistry(registry).build().execute();
            assertThat(done.resourcesCreated() + done.capabilitiesCreated()).isPositive();

            assertThat(registry.get("sark.migration.rows").tag("phase", "resources").counter().count()).isEqualTo(25);
            assertThat(registry.get("sark.migration.rows").tag("phase", "capabilities").counter().count()).isEqualTo(50);
            // committed batches only: the one the hook failed was rolled back, then done again by the resume
            double batches = registry.get("sark.migration.batches").tag("phase", "resources").counter().count()
                    + registry.get("sark.migration.batches").tag("phase", "capabilities").counter().count();
            assertThat(batches).isEqualTo(f.migration().build().status().runs().get(0).batchesDone());
            assertThat(registry.get("sark.migration.batches").tag("phase", "capabilities").counter().count()).isGreaterThanOrEqualTo(5);
            assertThat(registry.get("sark.migration.runs").tag("status", "completed").counter().count()).isEqualTo(1);
            assertThat(registry.get("sark.migration.executing").gauge().value()).isZero();
        }
        assertThatThrownBy(() -> V1ToV2Migration.builder().meterRegistry("not a registry"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
