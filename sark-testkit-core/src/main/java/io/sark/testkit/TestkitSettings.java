package io.sark.testkit;

import io.sark.schema.InvalidInputException;
import io.sark.testkit.internal.ServerFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The testkit's settings, one validated immutable object. Each setting is read from, in this order: the
 * system property, the environment variable (the property upper-cased, {@code .} and {@code -} turned into
 * {@code _}), a JUnit configuration parameter (e.g. in {@code junit-platform.properties}; only under
 * {@link SarkDatabaseTest}), the default.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code sark.testkit.server}</td><td>{@code SARK_TESTKIT_SERVER}</td><td>{@code embedded}</td>
 *       <td>{@code embedded}, {@code testcontainers}, {@code auto} or a {@code jdbc:postgresql://} URL of an
 *       existing server (see {@link Provider})</td></tr>
 *   <tr><td>{@code sark.testkit.user}</td><td>{@code SARK_TESTKIT_USER}</td><td>-</td>
 *       <td>user for an external server (or {@code ?user=} in the URL)</td></tr>
 *   <tr><td>{@code sark.testkit.password}</td><td>{@code SARK_TESTKIT_PASSWORD}</td><td>empty</td>
 *       <td>its password</td></tr>
 *   <tr><td>{@code sark.testkit.pg-version}</td><td>{@code SARK_TESTKIT_PG_VERSION}</td><td>the classpath
 *       binaries (17)</td><td>embedded: {@code 15}, {@code 16}, {@code 17}, {@code 18} or a full zonky
 *       version such as {@code 16.15.0}; its binaries jar is taken from the local Maven repository</td></tr>
 *   <tr><td>{@code sark.testkit.binaries-jar}</td><td>{@code SARK_TESTKIT_BINARIES_JAR}</td><td>-</td>
 *       <td>embedded: path of a zonky binaries jar; wins over {@code pg-version}</td></tr>
 *   <tr><td>{@code sark.testkit.maven-repo}</td><td>{@code SARK_TESTKIT_MAVEN_REPO}</td>
 *       <td>{@code maven.repo.local}, else {@code ~/.m2/repository}</td>
 *       <td>embedded: where {@code pg-version} binaries are looked up</td></tr>
 *   <tr><td>{@code sark.testkit.data-dir}</td><td>{@code SARK_TESTKIT_DATA_DIR}</td>
 *       <td>{@code /dev/shm/sark-testkit} if {@code /dev/shm} is writable, else {@code default}</td>
 *       <td>embedded: base directory of data directories ({@code default}: zonky's, under
 *       {@code java.io.tmpdir}); read from the system property or environment only</td></tr>
 *   <tr><td>{@code sark.testkit.image}</td><td>{@code SARK_TESTKIT_IMAGE}</td>
 *       <td>{@value #DEFAULT_IMAGE}</td><td>testcontainers: the image, e.g.
 *       {@code timescale/timescaledb:latest-pg17}</td></tr>
 *   <tr><td>{@code sark.testkit.extensions}</td><td>{@code SARK_TESTKIT_EXTENSIONS}</td>
 *       <td>{@code timescaledb} for a TimescaleDB image, else none</td>
 *       <td>comma-separated extensions created in each template before the schema is migrated</td></tr>
 *   <tr><td>{@code sark.testkit.clone-strategy}</td><td>{@code SARK_TESTKIT_CLONE_STRATEGY}</td>
 *       <td>{@code auto}</td><td>{@code file_copy}, {@code wal_log} or {@code auto} (see
 *       {@link CloneStrategy})</td></tr>
 *   <tr><td>{@code sark.testkit.drop-stale}</td><td>{@code SARK_TESTKIT_DROP_STALE}</td><td>{@code true}</td>
 *       <td>external: drop databases left behind by testkit JVMs that died (see
 *       {@link SarkTestDatabases#dropStale()})</td></tr>
 *   <tr><td>{@code sark.testkit.isolate-by}</td><td>{@code SARK_TESTKIT_ISOLATE_BY}</td><td>{@code auto}</td>
 *       <td>{@code database}: each test database is a clone of a template; {@code schema}: a freshly migrated
 *       schema in the server's maintenance database, for servers that cannot clone (Citus, managed databases
 *       without {@code CREATE DATABASE}); {@code auto}: {@code schema} on such servers (see {@link Isolation})</td></tr>
 *   <tr><td>{@code sark.testkit.skip-without-docker}</td><td>{@code SARK_TESTKIT_SKIP_WITHOUT_DOCKER}</td>
 *       <td>{@code false}</td><td>testcontainers: skip (instead of fail) the tests when no Docker engine can be
 *       used, like Testcontainers' {@code disabledWithoutDocker}</td></tr>
 * </table>
 */
public final class TestkitSettings {

    /** Value of {@code sark.testkit.server} that selects the embedded server. */
    public static final String EMBEDDED = "embedded";
    /** Property name: the provider or external URL. */
    public static final String SERVER = "sark.testkit.server";
    /** Property name: user for an external server. */
    public static final String USER = "sark.testkit.user";
    /** Property name: password for an external server. */
    public static final String PASSWORD = "sark.testkit.password";
    /** Property name: PostgreSQL major (or full zonky) version for the embedded server. */
    public static final String PG_VERSION = "sark.testkit.pg-version";
    /** Property name: explicit zonky binaries jar for the embedded server. */
    public static final String BINARIES_JAR = "sark.testkit.binaries-jar";
    /** Property name: the local Maven repository to look binaries up in. */
    public static final String MAVEN_REPO = "sark.testkit.maven-repo";
    /** Property name: base directory of embedded data directories (system property or environment only). */
    public static final String DATA_DIR = "sark.testkit.data-dir";
    /** Property name: container image. */
    public static final String IMAGE = "sark.testkit.image";
    /** Property name: extensions created in each template. */
    public static final String EXTENSIONS = "sark.testkit.extensions";
    /** Property name: how databases are cloned. */
    public static final String CLONE_STRATEGY = "sark.testkit.clone-strategy";
    /** Property name: stale-database cleanup on external servers. */
    public static final String DROP_STALE = "sark.testkit.drop-stale";
    /** Property name: database or schema isolation. */
    public static final String ISOLATE_BY = "sark.testkit.isolate-by";
    /** Property name: skip instead of fail when testcontainers is chosen and Docker is unusable. */
    public static final String SKIP_WITHOUT_DOCKER = "sark.testkit.skip-without-docker";

    /** The container image used when {@code sark.testkit.image} is not set. */
    public static final String DEFAULT_IMAGE = "postgres:17-alpine";

    private final String server;
    private final Provider provider;
    private final String user;
    private final String password;
    private final String pgVersion;
    private final Path binariesJar;
    private final Path mavenRepository;
    private final String image;
    private final List<String> extensions;
    private final CloneStrategy cloneStrategy;
    private final boolean dropStale;
    private final IsolateBy isolateBy;
    private final boolean skipWithoutDocker;

    private TestkitSettings(Function<String, String> source) {
        this.server = value(source, SERVER).orElse(EMBEDDED);
        this.provider = Provider.parse(server);
        this.user = value(source, USER).orElse(null);
        this.password = value(source, PASSWORD).orElse("");
        this.pgVersion = value(source, PG_VERSION).orElse(null);
        this.binariesJar = value(source, BINARIES_JAR).map(Path::of).orElse(null);
        this.mavenRepository = value(source, MAVEN_REPO).or(() -> value(source, "maven.repo.local"))
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".m2", "repository"));
        this.image = value(source, IMAGE).orElse(DEFAULT_IMAGE);
        this.extensions = value(source, EXTENSIONS)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElseGet(() -> image.toLowerCase(Locale.ROOT).contains("timescale") && provider != Provider.EMBEDDED
                        && provider != Provider.EXTERNAL ? List.of("timescaledb") : List.of());
        for (String extension : extensions) {
            if (!extension.matches("[a-z_][a-z0-9_]*")) {
                throw new InvalidInputException(EXTENSIONS, "holds an invalid extension name: " + extension);
            }
        }
        this.cloneStrategy = CloneStrategy.parse(value(source, CLONE_STRATEGY).orElse("auto"));
        this.dropStale = bool(source, DROP_STALE, true);
        this.isolateBy = IsolateBy.parse(value(source, ISOLATE_BY).orElse("auto"));
        this.skipWithoutDocker = bool(source, SKIP_WITHOUT_DOCKER, false);
    }

    private static boolean bool(Function<String, String> source, String property, boolean defaultValue) {
        String v = value(source, property).orElse(Boolean.toString(defaultValue)).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new InvalidInputException(property, "must be true or false, got: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /**
     * The settings from system properties and environment variables.
     *
     * @throws InvalidInputException if a value is invalid ({@code field()} names the property)
     */
    public static TestkitSettings fromEnvironment() {
        return fromEnvironment(p -> null);
    }

    /**
     * The settings from system properties, environment variables and then {@code fallback} (a lookup by
     * property name, e.g. JUnit configuration parameters).
     */
    public static TestkitSettings fromEnvironment(Function<String, String> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return new TestkitSettings(p -> {
            String v = get(p, null);
            return v != null ? v : fallback.apply(p);
        });
    }

    /** Settings from a map of property names to values only (no system properties, no environment). */
    public static TestkitSettings of(Map<String, String> properties) {
        return new TestkitSettings(Map.copyOf(properties)::get);
    }

    /** The setting {@code property} (or its environment variable), or {@code defaultValue}. */
    public static String get(String property, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentName(property));
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** The environment variable read for {@code property}: {@code sark.testkit.pg-version} → {@code SARK_TESTKIT_PG_VERSION}. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Starts (or connects to) the server configured by system properties and environment variables. Prefer
     * {@link SarkTestDatabases#shared()}, which does this once per JVM.
     */
    public static PostgresServer startConfiguredServer() {
        return ServerFactory.start(fromEnvironment());
    }

    private static Optional<String> value(Function<String, String> source, String property) {
        String v = source.apply(property);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** The raw {@code sark.testkit.server} value. */
    public String server() {
        return server;
    }

    /** The configured provider ({@link Provider#AUTO} is resolved only when the server starts). */
    public Provider provider() {
        return provider;
    }

    /** The external server URL, if {@link #provider()} is {@link Provider#EXTERNAL}. */
    public Optional<String> externalUrl() {
        return provider == Provider.EXTERNAL ? Optional.of(server) : Optional.empty();
    }

    /** User for an external server, if set. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** Password for an external server (empty if unset). */
    public String password() {
        return password;
    }

    /** The requested embedded PostgreSQL version, if any. */
    public Optional<String> pgVersion() {
        return Optional.ofNullable(pgVersion);
    }

    /** The explicit zonky binaries jar, if any. */
    public Optional<Path> binariesJar() {
        return Optional.ofNullable(binariesJar);
    }

    /** The local Maven repository binaries are looked up in. */
    public Path mavenRepository() {
        return mavenRepository;
    }

    /** The container image for {@link Provider#TESTCONTAINERS}. */
    public String image() {
        return image;
    }

    /** Extensions created in every template before the migration. */
    public List<String> extensions() {
        return extensions;
    }

    /** How databases are cloned from their template. */
    public CloneStrategy cloneStrategy() {
        return cloneStrategy;
    }

    /** Whether stale databases of dead testkit JVMs are dropped on an external server. */
    public boolean dropStale() {
        return dropStale;
    }

    /** Whether test databases are cloned databases or fresh schemas. */
    public IsolateBy isolateBy() {
        return isolateBy;
    }

    /** Whether tests are skipped rather than failed when testcontainers is chosen and Docker is unusable. */
    public boolean skipWithoutDocker() {
        return skipWithoutDocker;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestkitSettings other && identity().equals(other.identity());
    }

    @Override
    public int hashCode() {
        return identity().hashCode();
    }

    private List<Object> identity() {
        return Arrays.asList(server, user, password, pgVersion, binariesJar, mavenRepository, image, extensions,
                cloneStrategy, dropStale, isolateBy, skipWithoutDocker);
    }

    @Override
    public String toString() {
        return "TestkitSettings[server=" + ExternalPostgresServer.maskPassword(server) + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "****") + ", pgVersion=" + pgVersion
                + ", binariesJar=" + binariesJar + ", image=" + image + ", extensions=" + extensions
                + ", cloneStrategy=" + cloneStrategy + ", dropStale=" + dropStale + ", isolateBy=" + isolateBy
                + ", skipWithoutDocker=" + skipWithoutDocker + "]";
    }
}
