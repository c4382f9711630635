package io.sark.testkit.containers;

import io.sark.testkit.PostgresServer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostgreSQL container started by Testcontainers, one per JVM when chosen with
 * {@code sark.testkit.server=testcontainers} (or {@code auto} with Docker). This class holds the testkit's
 * only direct references to Testcontainers and is loaded reflectively, so runs on other providers never load
 * them.
 */
public final class TestcontainersPostgresServer implements PostgresServer, AutoCloseable {

    private final PostgreSQLContainer container;
    private final String image;

    private TestcontainersPostgresServer(PostgreSQLContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Starts a container as {@code settings} describe; blocks until it accepts connections. */
    public static TestcontainersPostgresServer start(ContainerSettings settings) {
        DockerImageName name = DockerImageName.parse(settings.image()).asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer container = new PostgreSQLContainer(name);
        container.withCommand(settings.command().toArray(String[]::new));
        container.withLabels(settings.labels());
        container.withStartupTimeout(settings.startupTimeout());
        container.start();
        return new TestcontainersPostgresServer(container, settings.image());
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String description() {
        return "Testcontainers PostgreSQL " + image + " on " + container.getHost() + ":" + container.getMappedPort(5432);
    }

    /** Stops and removes the container. */
    @Override
    public void close() {
        container.stop();
    }
}
