package io.sark.testkit.internal;

import io.sark.testkit.EmbeddedPostgresServer;
import io.sark.testkit.ExternalPostgresServer;
import io.sark.testkit.PostgresServer;
import io.sark.testkit.Provider;
import io.sark.testkit.ServerUnavailableException;
import io.sark.testkit.TestkitSettings;
import io.sark.testkit.containers.ContainerSettings;
import java.lang.reflect.InvocationTargetException;

/**
 * Starts the server {@link TestkitSettings} describe. Testcontainers classes are reached only through
 * reflection and only on the Testcontainers path, so an embedded or external run never loads them.
 */
public final class ServerFactory {

    /** The class that holds every direct reference to Testcontainers. */
    public static final String CONTAINER_SERVER_CLASS = "io.sark.testkit.containers.TestcontainersPostgresServer";

    private ServerFactory() {
    }

    public static PostgresServer start(TestkitSettings settings) {
        Provider provider = settings.provider().resolve(DockerProbe::available);
        switch (provider) {
            case EMBEDDED:
                return startEmbedded(settings);
            case EXTERNAL:
                return ExternalPostgresServer.fromUrl(settings.server(), settings.user().orElse(null), settings.password());
            case TESTCONTAINERS:
                if (!DockerProbe.available()) {
                    if (settings.skipWithoutDocker()) {
                        throw new ServerUnavailableException(DockerProbe.unavailableMessage(settings) + "; skipping ("
                                + TestkitSettings.SKIP_WITHOUT_DOCKER + "=true)");
                    }
                    throw new IllegalStateException(DockerProbe.unavailableMessage(settings) + ". Start a Docker"
                            + " engine, choose sark.testkit.server=auto or embedded, or set "
                            + TestkitSettings.SKIP_WITHOUT_DOCKER + "=true to skip these tests instead.");
                }
                return startContainer(ContainerSettings.from(settings));
            default:
                throw new IllegalStateException("unresolved provider " + provider);
        }
    }

    public static EmbeddedPostgresServer startEmbedded(TestkitSettings settings) {
        if (settings.binariesJar().isPresent()) {
            return EmbeddedPostgresServer.startFromBinariesJar(settings.binariesJar().get());
        }
        if (settings.pgVersion().isPresent()) {
            return EmbeddedPostgresServer.startVersion(settings.pgVersion().get(), settings.mavenRepository());
        }
        return EmbeddedPostgresServer.start();
    }

    private static PostgresServer startContainer(ContainerSettings container) {
        try {
            Class<?> type = Class.forName(CONTAINER_SERVER_CLASS);
            return (PostgresServer) type.getMethod("start", ContainerSettings.class).invoke(null, container);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot start " + container.image() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("sark.testkit.server=testcontainers needs "
                    + "org.testcontainers:testcontainers-postgresql on the test classpath: " + e, e);
        }
    }
}
