package io.sark.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, inspects and validates the SARK schema (Flyway migrations V1-V9) in one PostgreSQL schema.
 *
 * <pre>{@code
 * SchemaMigrationResult r = SarkSchema.migrate(dataSource);              // schema "sark"
 * SarkSchema.configure().dataSource(ds).schema("tenant_a").load().migrate();
 * }</pre>
 *
 * <p>Promises:
 * <ul>
 *   <li>the migrations live in the classpath folder {@value #MIGRATION_LOCATION}, so a host
 *       application's own Flyway never picks them up, and their history in {@value #HISTORY_TABLE} inside
 *       the SARK schema;</li>
 *   <li>migrating an up-to-date schema is a no-op; an applied migration whose script has since changed is
 *       detected and the migration refused with a {@link SchemaMigrationException};</li>
 *   <li>several processes may migrate the same database at once: they serialise, exactly one applies
 *       each pending migration, and none fails because of the others; on Citus this holds for different SARK
 *       schemas of one database too (their migrations run one at a time).</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class SarkSchema {

    /** The operator's trail: migrations applied. */
    private static final Logger LOG = LoggerFactory.getLogger(SarkSchema.class);

    /** The PostgreSQL schema used when none is configured. */
    public static final String DEFAULT_SCHEMA = "sark";
    /** Flyway's history table, created inside the SARK schema. */
    public static final String HISTORY_TABLE = "sark_schema_history";
    /** Where the migrations are on the classpath. */
    public static final String MIGRATION_LOCATION = "classpath:io/sark/schema/migration";
    /** The version of the last migration shipped with this SDK. */
    public static final String LATEST_VERSION = "9";
    /** Attempts of one migrate when migrations are aborted as deadlock victims. */
    private static final int MIGRATE_ATTEMPTS = 5;
    /** The version whose schema equals a SARK v1 database (reference migrations 001-005). */
    public static final String V1_VERSION = "5";


    private final DataSource dataSource;
    private final String schema;
    private final String target;

    private SarkSchema(Builder builder) {
        this.dataSource = builder.dataSource;
        this.schema = builder.schema;
        this.target = builder.target;
    }

    /** Starts a configuration; {@link Builder#load()} validates it. */
    public static Builder configure() {
        return new Builder();
    }

    /** Migrates the default schema {@value #DEFAULT_SCHEMA} to the latest version. */
    public static SchemaMigrationResult migrate(DataSource dataSource) {
        return configure().dataSource(dataSource).load().migrate();
    }

    /** The PostgreSQL schema this instance works on. */
    public String schema() {
        return schema;
    }

    /**
     * Creates the schema if it does not exist and applies every pending migration up to the configured
     * target (default: the latest), each in its own transaction.
     *
     * @throws SchemaMigrationException if a migration fails or an applied one was changed
     */
    public SchemaMigrationResult migrate() {
        ensureSchemaExists();
        try {
            Migrated result = migrateRetryingVictims();
            List<AppliedMigration> applied = List.copyOf(result.applied().values());
            String current = currentVersion().orElseThrow(
                    () -> new SchemaMigrationException("schema " + schema + " has no version after migrate"));
            if (!applied.isEmpty()) {
                LOG.info("SARK schema {}: {} -> {}, applied {}", schema, result.initialVersion() == null ? "empty"
                        : result.initialVersion(), current, applied.stream().map(a -> "V" + a.version() + " " + a.description()).toList());
            }
            return new SchemaMigrationResult(schema, Optional.ofNullable(result.initialVersion()), current, applied);
        } catch (FlywayException e) {
            throw new SchemaMigrationException("cannot migrate SARK schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /**
     * Flyway's migrate, run again when the server aborted a migration as a deadlock victim or a serialization
     * failure (its transaction was rolled back whole, and nothing of it recorded): on Citus, distributed DDL
     * ({@code create_distributed_table}) can deadlock with other sessions' work on co-located tables of other
     * schemas, which no lock of ours covers.
     */
    private Migrated migrateRetryingVictims() {
        Map<String, AppliedMigration> applied = new LinkedHashMap<>();
        String initial = null;
        for (int attempt = 1; ; attempt++) {
            MigrateResult result = null;
            FlywayException failure = null;
            try {
                result = flyway().migrate();
            } catch (FlywayException e) {
                failure = e;
                // what the failed attempt applied before the victim's migration (a class of Flyway's internals)
                result = e instanceof FlywayMigrateException m ? m.getErrorResult() : null;
            }
            if (result != null) {
                if (attempt == 1 || initial == null) {
                    initial = emptyToNull(result.initialSchemaVersion);
                }
                result.migrations.forEach(m -> applied.put(m.version, new AppliedMigration(m.version, m.description, m.executionTime)));
            }
            if (failure == null) {
                return new Migrated(initial, applied);
            }
            if (attempt == MIGRATE_ATTEMPTS || !abortedAsVictim(failure)) {
                throw failure;
            }
            LOG.info("SARK schema {}: a migration was aborted as a deadlock victim, migrating again (attempt {} of {})",
                    schema, attempt + 1, MIGRATE_ATTEMPTS);
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250L * attempt));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    /** What one {@link #migrate()} applied, over its attempts. */
    private record Migrated(String initialVersion, Map<String, AppliedMigration> applied) {
    }

    private static boolean abortedAsVictim(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** What is applied and what is pending, without changing anything. */
    public SchemaInfo info() {
        try {
            MigrationInfoService service = flyway().info();
            List<MigrationStatus> statuses = Arrays.stream(service.all())
                    .filter(MigrationInfo::isVersioned)
                    .map(m -> new MigrationStatus(m.getVersion().getVersion(), m.getDescription(),
                            m.getState().getDisplayName(),
                            Optional.ofNullable(m.getInstalledOn()).map(d -> Instant.ofEpochMilli(d.getTime())),
                            m.getState().isApplied()))
                    .toList();
            Optional<String> current = Optional.ofNullable(service.current())
                    .map(MigrationInfo::getVersion).map(MigrationVersion::getVersion);
            int pending = service.pending().length;
            return new SchemaInfo(schema, current, pending, statuses);
        } catch (FlywayException e) {
            throw new SchemaMigrationException("cannot read SARK schema history of " + schema + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compares the applied migrations with the ones shipped in this SDK: changed checksums, missing
     * scripts and pending migrations are problems. Never throws for an invalid schema; see
     * {@link SchemaValidation#valid()}.
     */
    public SchemaValidation validate() {
        try {
            ValidateResult result = flyway().validateWithResult();
            List<String> problems = result.invalidMigrations.stream()
                    .map(m -> (m.version == null || m.version.isEmpty() ? "" : "V" + m.version + ": ")
                            + m.errorDetails.errorMessage)
                    .toList();
            if (!result.validationSuccessful && problems.isEmpty() && result.errorDetails != null) {
                problems = List.of(result.errorDetails.errorMessage);
            }
            return new SchemaValidation(schema, result.validationSuccessful, problems);
        } catch (FlywayException e) {
            throw new SchemaMigrationException("cannot validate SARK schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks an existing database as being at {@code version} without running the migrations up to it
     * (used to adopt a SARK v1 database at {@link #V1_VERSION}). Refused if the schema already has a
     * history.
     */
    public void baseline(String version, String description) {
        Objects.requireNonNull(version, "version");
        ensureSchemaExists();
        try {
            flywayConfiguration().baselineVersion(version).baselineDescription(description).load().baseline();
        } catch (FlywayException e) {
            throw new SchemaMigrationException("cannot baseline SARK schema " + schema + " at " + version + ": "
                    + e.getMessage(), e);
        }
    }

    /** The version of the last applied migration, if any. */
    public Optional<String> currentVersion() {
        return Optional.ofNullable(flyway().info().current()).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion);
    }

    private Flyway flyway() {
        return flywayConfiguration().load();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flywayConfiguration() {
        var config = LibraryDefaults.flyway(Flyway.configure(SarkSchema.class.getClassLoader()))
                .dataSource(dataSource)
                .locations(MIGRATION_LOCATION)
                .schemas(schema)
                .defaultSchema(schema)
                .table(HISTORY_TABLE)
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                .cleanDisabled(true);
        if (target != null) {
            config = config.target(target);
        }
        return config;
    }

    /**
     * Creates the schema under a transaction-scoped advisory lock, so two processes starting at once do not
     * both try to create it. Checks existence first so that a user without CREATE on the database can
     * migrate a schema an administrator created.
     */
    private void ensureSchemaExists() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, advisoryKey(schema));
                    lock.execute();
                }
                boolean exists;
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
                    q.setString(1, schema);
                    try (ResultSet rs = q.executeQuery()) {
                        exists = rs.next();
                    }
                }
                if (!exists) {
                    try (var st = c.createStatement()) {
                        st.execute("CREATE SCHEMA \"" + schema + "\"");
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new SchemaMigrationException("cannot create SARK schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static long advisoryKey(String schema) {
        long h = 0x5A4B_0000_0000_0000L;
        for (char ch : ("sark-schema:" + schema).toCharArray()) {
            h = 31 * h + ch;
        }
        return h;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Configuration of a {@link SarkSchema}. Not thread-safe; the built instance is. */
    public static final class Builder {
        private DataSource dataSource;
        private String schema = DEFAULT_SCHEMA;
        private String target;

        private Builder() {
        }

        /** Where to connect; required. The caller keeps ownership of it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The PostgreSQL schema: a lowercase identifier (letters, digits, underscore; at most 63). */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** Stop at this version instead of the latest (e.g. {@link SarkSchema#V1_VERSION}). */
        public Builder target(String version) {
            this.target = version;
            return this;
        }

        /**
         * Validates the configuration and builds the instance.
         *
         * @throws IllegalArgumentException if no data source was given (a programming error)
         * @throws InvalidInputException     naming the invalid setting ({@code schema}, {@code target})
         */
        public SarkSchema load() {
            if (dataSource == null) {
                throw new IllegalArgumentException("dataSource is required");
            }
            if (!SchemaNames.isValid(schema)) {
                throw new InvalidInputException("schema", "must be a lowercase identifier matching "
                        + SchemaNames.PATTERN + ", got: " + schema);
            }
            if (target != null && !target.matches("[0-9]+(\\.[0-9]+)*")) {
                throw new InvalidInputException("target", "must be a version such as 5 or 7, got: " + target);
            }
            return new SarkSchema(this);
        }
    }
}
