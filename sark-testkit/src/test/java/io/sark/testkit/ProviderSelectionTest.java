package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@Isolated // sets sark.testkit.* system properties: a class running meanwhile would get another shared server
class ProviderSelectionTest {

    private static TestkitSettings settings(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return TestkitSettings.of(m);
    }

    @Test
    void parsesEveryProviderValue() {
        assertThat(Provider.parse(null)).isEqualTo(Provider.EMBEDDED);
        assertThat(Provider.parse(" ")).isEqualTo(Provider.EMBEDDED);
        assertThat(Provider.parse("embedded")).isEqualTo(Provider.EMBEDDED);
        assertThat(Provider.parse("Testcontainers")).isEqualTo(Provider.TESTCONTAINERS);
        assertThat(Provider.parse("AUTO")).isEqualTo(Provider.AUTO);
        assertThat(Provider.parse("jdbc:postgresql://db:5432/postgres?user=u")).isEqualTo(Provider.EXTERNAL);
        assertThatThrownBy(() -> Provider.parse("jdbc:mysql://x"))
                .isInstanceOf(io.sark.schema.InvalidInputException.class)
                .hasMessageContaining("sark.testkit.server")
                .hasMessageContaining("embedded, testcontainers, auto or a jdbc:postgresql:// URL");
    }

    @Test
    void autoAsksDockerAndOnlyAuto() {
        CountingProbe yes = new CountingProbe(true);
        CountingProbe no = new CountingProbe(false);
        assertThat(Provider.AUTO.resolve(yes)).isEqualTo(Provider.TESTCONTAINERS);
        assertThat(Provider.AUTO.resolve(no)).isEqualTo(Provider.EMBEDDED);
        assertThat(yes.calls.get()).isEqualTo(1);
        assertThat(no.calls.get()).isEqualTo(1);

        CountingProbe untouched = new CountingProbe(true);
        assertThat(Provider.EMBEDDED.resolve(untouched)).isEqualTo(Provider.EMBEDDED);
        assertThat(Provider.EXTERNAL.resolve(untouched)).isEqualTo(Provider.EXTERNAL);
        assertThat(Provider.TESTCONTAINERS.resolve(untouched)).isEqualTo(Provider.TESTCONTAINERS);
        assertThat(untouched.calls.get()).isZero();
    }

    @Test
    void defaults() {
        TestkitSettings s = settings();
        assertThat(s.provider()).isEqualTo(Provider.EMBEDDED);
        assertThat(s.server()).isEqualTo("embedded");
        assertThat(s.externalUrl()).isEmpty();
        assertThat(s.pgVersion()).isEmpty();
        assertThat(s.binariesJar()).isEmpty();
        assertThat(s.image()).isEqualTo(TestkitSettings.DEFAULT_IMAGE);
        assertThat(s.extensions()).isEmpty();
        assertThat(s.cloneStrategy()).isEqualTo(CloneStrategy.AUTO);
        assertThat(s.dropStale()).isTrue();
        assertThat(s.mavenRepository()).isEqualTo(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    @Test
    void readsEverySetting() {
        TestkitSettings s = settings(
                "sark.testkit.server", "jdbc:postgresql://db.example:6543/admin?password=secret",
                "sark.testkit.user", "ci",
                "sark.testkit.password", "pw",
                "sark.testkit.pg-version", "16",
                "sark.testkit.binaries-jar", "/tmp/pg.jar",
                "sark.testkit.maven-repo", "/opt/m2",
                "sark.testkit.image", "postgres:16",
                "sark.testkit.extensions", "pg_trgm, pgcrypto",
                "sark.testkit.clone-strategy", "wal-log",
                "sark.testkit.drop-stale", "false");
        assertThat(s.provider()).isEqualTo(Provider.EXTERNAL);
        assertThat(s.externalUrl()).contains("jdbc:postgresql://db.example:6543/admin?password=secret");
        assertThat(s.user()).contains("ci");
        assertThat(s.password()).isEqualTo("pw");
        assertThat(s.pgVersion()).contains("16");
        assertThat(s.binariesJar()).contains(Path.of("/tmp/pg.jar"));
        assertThat(s.mavenRepository()).isEqualTo(Path.of("/opt/m2"));
        assertThat(s.extensions()).containsExactly("pg_trgm", "pgcrypto");
        assertThat(s.cloneStrategy()).isEqualTo(CloneStrategy.WAL_LOG);
        assertThat(s.dropStale()).isFalse();
        assertThat(s.toString()).doesNotContain("secret").doesNotContain("pw,").contains("password=****");
    }

    @Test
    void mavenRepoFallsBackToMavenRepoLocal() {
        assertThat(settings("maven.repo.local", "/work/repo").mavenRepository()).isEqualTo(Path.of("/work/repo"));
    }

    @Test
    void timescaleImageCreatesTheExtensionUnlessToldOtherwise() {
        assertThat(settings("sark.testkit.server", "testcontainers", "sark.testkit.image",
                "timescale/timescaledb:latest-pg17").extensions()).containsExactly("timescaledb");
        assertThat(settings("sark.testkit.server", "auto", "sark.testkit.image",
                "timescale/timescaledb:latest-pg17").extensions()).containsExactly("timescaledb");
        // the embedded server has no TimescaleDB: the image setting must not leak into it
        assertThat(settings("sark.testkit.image", "timescale/timescaledb:latest-pg17").extensions()).isEmpty();
        assertThat(settings("sark.testkit.server", "testcontainers", "sark.testkit.image",
                "timescale/timescaledb:latest-pg17", "sark.testkit.extensions", "pg_trgm").extensions())
                .containsExactly("pg_trgm");
    }

    @Test
    void rejectsInvalidValuesNamingTheProperty() {
        assertThatThrownBy(() -> settings("sark.testkit.clone-strategy", "fast"))
                .hasMessageContaining("sark.testkit.clone-strategy").hasMessageContaining("file_copy");
        assertThatThrownBy(() -> settings("sark.testkit.drop-stale", "yes"))
                .hasMessageContaining("sark.testkit.drop-stale");
        assertThatThrownBy(() -> settings("sark.testkit.extensions", "pg_trgm; DROP DATABASE x"))
                .hasMessageContaining("sark.testkit.extensions");
        assertThatThrownBy(() -> settings("sark.testkit.server", "docker-compose"))
                .hasMessageContaining("sark.testkit.server");
    }

    @Test
    void environmentVariableNames() {
        assertThat(TestkitSettings.environmentName("sark.testkit.server")).isEqualTo("SARK_TESTKIT_SERVER");
        assertThat(TestkitSettings.environmentName("sark.testkit.pg-version")).isEqualTo("SARK_TESTKIT_PG_VERSION");
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void systemPropertyWinsOverJUnitConfigurationParameter() {
        String key = TestkitSettings.IMAGE;
        String before = System.getProperty(key);
        try {
            System.setProperty(key, "postgres:15");
            assertThat(TestkitSettings.fromEnvironment(p -> p.equals(key) ? "postgres:16" : null).image())
                    .isEqualTo("postgres:15");
            System.clearProperty(key);
            if (System.getenv(TestkitSettings.environmentName(key)) == null) {
                assertThat(TestkitSettings.fromEnvironment(p -> p.equals(key) ? "postgres:16" : null).image())
                        .isEqualTo("postgres:16");
            }
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void equalSettingsShareOneServer() {
        assertThat(settings("sark.testkit.pg-version", "15")).isEqualTo(settings("sark.testkit.pg-version", "15"))
                .hasSameHashCodeAs(settings("sark.testkit.pg-version", "15"))
                .isNotEqualTo(settings("sark.testkit.pg-version", "16"));
    }

    @Test
    void cloneStrategyClauseDependsOnTheServerVersion() {
        assertThat(CloneStrategy.AUTO.clause(140012)).isEmpty();
        assertThat(CloneStrategy.WAL_LOG.clause(140012)).isEmpty();
        assertThat(CloneStrategy.AUTO.clause(170002)).isEqualTo(" STRATEGY FILE_COPY");
        assertThat(CloneStrategy.FILE_COPY.clause(150000)).isEqualTo(" STRATEGY FILE_COPY");
        assertThat(CloneStrategy.WAL_LOG.clause(180000)).isEqualTo(" STRATEGY WAL_LOG");
        assertThat(List.of(CloneStrategy.values())).hasSize(3);
    }

    private static final class CountingProbe implements BooleanSupplier {
        final AtomicInteger calls = new AtomicInteger();
        final boolean answer;

        CountingProbe(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean getAsBoolean() {
            calls.incrementAndGet();
            return answer;
        }
    }
}
