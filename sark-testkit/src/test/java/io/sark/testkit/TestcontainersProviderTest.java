package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import io.sark.testkit.internal.DockerProbe;
import io.sark.testkit.internal.ServerFactory;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.TestAbortedException;

class TestcontainersProviderTest {

    private static boolean serverConfiguredOutside() {
        return System.getProperty(TestkitSettings.SERVER) != null
                || System.getenv(TestkitSettings.environmentName(TestkitSettings.SERVER)) != null;
    }

    @Test
    void chosenTestcontainersWithoutDockerFailsWithTheCause() {
        org.junit.jupiter.api.Assumptions.assumeFalse(serverConfiguredOutside(), "sark.testkit.server set outside");
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(TestkitSettings.SERVER, "testcontainers")
                .selectors(selectClass(OnTestcontainers.class))
                .execute();
        if (DockerProbe.available()) {
            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        } else {
            // never a silent skip: the run asked for containers and must say why it has none
            results.testEvents().assertStatistics(s -> s.skipped(0).succeeded(0));
            results.containerEvents().assertThatEvents().haveExactly(1, event(container(OnTestcontainers.class), finishedWithFailure(
                    message(m -> m.contains("sark.testkit.server=testcontainers but Testcontainers cannot use a Docker engine: ")
                            && !m.contains("InvocationTargetException")
                            && m.contains(TestkitSettings.SKIP_WITHOUT_DOCKER)))));
        }
    }

    @Test
    void skippingWithoutDockerIsOptIn() {
        org.junit.jupiter.api.Assumptions.assumeFalse(serverConfiguredOutside(), "sark.testkit.server set outside");
        org.junit.jupiter.api.Assumptions.assumeFalse(DockerProbe.available(), "Docker is available here");
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(TestkitSettings.SERVER, "testcontainers")
                .configurationParameter(TestkitSettings.SKIP_WITHOUT_DOCKER, "true")
                .selectors(selectClass(OnTestcontainers.class))
                .execute();
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(OnTestcontainers.class),
                skippedWithReason(r -> r.contains("cannot use a Docker engine") && r.contains("skipping"))));
        results.testEvents().assertStatistics(s -> s.started(0).failed(0));
    }

    @Test
    void directUseWithoutDockerFailsUnlessSkippingIsAskedFor() {
        org.junit.jupiter.api.Assumptions.assumeFalse(DockerProbe.available(), "Docker is available here");
        TestkitSettings failing = TestkitSettings.of(Map.of(TestkitSettings.SERVER, "testcontainers",
                TestkitSettings.IMAGE, "postgres:16-alpine"));
        assertThatThrownBy(() -> SarkTestDatabases.shared(failing))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("cannot use a Docker engine: " + DockerProbe.unavailableReason());
        TestkitSettings skipping = TestkitSettings.of(Map.of(TestkitSettings.SERVER, "testcontainers",
                TestkitSettings.IMAGE, "postgres:16-alpine", TestkitSettings.SKIP_WITHOUT_DOCKER, "true"));
        assertThatThrownBy(() -> SarkTestDatabases.shared(skipping))
                .isInstanceOf(ServerUnavailableException.class)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("cannot use a Docker engine");
        // remembered: the second caller gets the same answer without probing again
        assertThatThrownBy(() -> SarkTestDatabases.shared(skipping)).isInstanceOf(ServerUnavailableException.class);
    }

    @Test
    void probeNamesTheRealCause() {
        org.junit.jupiter.api.Assumptions.assumeFalse(DockerProbe.available(), "Docker is available here");
        assertThat(DockerProbe.unavailableReason())
                .isNotBlank()
                .doesNotContain("not on the test classpath")
                .doesNotContain("InvocationTargetException");
    }

    @Test
    void autoFallsBackToEmbeddedWithoutDocker() {
        org.junit.jupiter.api.Assumptions.assumeFalse(DockerProbe.available(), "Docker is available here");
        assertThat(Provider.AUTO.resolve(DockerProbe::available)).isEqualTo(Provider.EMBEDDED);
    }

    /**
     * Runs an embedded-provider database round trip in a fresh class loader and checks that no Testcontainers
     * class (nor the testkit's container classes) was ever loaded: choosing embedded never touches Docker code.
     */
    @Test
    void embeddedRunNeverLoadsTestcontainers() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (TrackingLoader loader = new TrackingLoader(urls.toArray(URL[]::new))) {
            Class<?> probe = loader.loadClass(EmbeddedRoundTrip.class.getName());
            Method run = probe.getMethod("run");
            assertThat(run.invoke(null)).isEqualTo(0);
            assertThat(loader.loaded(SarkTestDatabases.class.getName())).as("sanity: testkit loaded").isTrue();
            assertThat(loader.loaded("org.testcontainers.DockerClientFactory")).isFalse();
            assertThat(loader.loaded("org.testcontainers.containers.GenericContainer")).isFalse();
            assertThat(loader.loaded("org.testcontainers.postgresql.PostgreSQLContainer")).isFalse();
            assertThat(loader.loaded(ServerFactory.CONTAINER_SERVER_CLASS)).isFalse();
            assertThat(loader.loaded("io.sark.testkit.containers.Docker")).isFalse();
        }
    }

    /** Loaded in the tracking class loader: starts an embedded server, clones one database, drops it. */
    public static final class EmbeddedRoundTrip {
        public static int run() throws Exception {
            TestkitSettings settings = TestkitSettings.of(Map.of(TestkitSettings.SERVER, "embedded"));
            try (EmbeddedPostgresServer server = (EmbeddedPostgresServer) ServerFactory.start(settings);
                 SarkTestDatabases databases = new SarkTestDatabases(server, settings);
                 TestDatabase db = databases.create()) {
                return db.dsl().fetchCount(io.sark.schema.jooq.Tables.RESOURCES);
            }
        }
    }

    private static final class TrackingLoader extends URLClassLoader {
        TrackingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @SarkDatabaseTest
    static class OnTestcontainers {
        @Test
        void runsOnlyWithDocker(DSLContext dsl) {
            assertThat(dsl.fetchValue("SELECT 1")).isEqualTo(1);
        }
    }
}
