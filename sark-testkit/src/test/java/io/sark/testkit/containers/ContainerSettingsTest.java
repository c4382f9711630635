package io.sark.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.TestkitSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {

    @Test
    void defaultImageWithTestTuning() {
        ContainerSettings c = ContainerSettings.from(TestkitSettings.of(Map.of("sark.testkit.server", "testcontainers")));
        assertThat(c.image()).isEqualTo("postgres:17-alpine");
        assertThat(c.command()).containsExactly("postgres",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300", "-c", "timezone=UTC");
        assertThat(c.labels()).containsEntry("io.sark.testkit", "true");
        assertThat(c.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void timescaleImage() {
        TestkitSettings s = TestkitSettings.of(Map.of("sark.testkit.server", "testcontainers",
                "sark.testkit.image", "timescale/timescaledb:latest-pg17"));
        ContainerSettings c = ContainerSettings.from(s);
        assertThat(c.image()).isEqualTo("timescale/timescaledb:latest-pg17");
        assertThat(c.command()).contains("fsync=off", "timescaledb.telemetry_level=off");
        assertThat(s.extensions()).containsExactly("timescaledb");
        assertThat(ContainerSettings.isTimescale("postgres:17")).isFalse();
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new ContainerSettings(" ", List.of(), Map.of(), Duration.ZERO))
                .isInstanceOf(io.sark.schema.InvalidInputException.class);
    }
}
