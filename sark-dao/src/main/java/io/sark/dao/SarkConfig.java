package io.sark.dao;

import io.sark.dao.internal.DaoMetrics;
import io.sark.schema.InvalidInputException;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaNames;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated configuration of {@link SarkDatabase#connect(SarkConfig)}. Immutable; {@link #toString()} masks
 * the password.
 *
 * <pre>{@code
 * SarkConfig config = SarkConfig.builder().jdbcUrl("jdbc:postgresql://db/sark").username("sark").password(pw).build();
 * }</pre>
 */
public final class SarkConfig {

    /** Default maximum number of pooled connections. */
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    /** Default minimum number of idle pooled connections. */
    public static final int DEFAULT_MINIMUM_IDLE = 2;
    /** Default time to wait for a pooled connection. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);


    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String schema;
    private final int maximumPoolSize;
    private final int minimumIdle;
    private final Duration connectionTimeout;
    private final Clock clock;
    private final Object meterRegistry;
    private final boolean operationTimers;

    private SarkConfig(Builder b) {
        this.jdbcUrl = b.jdbcUrl;
        this.username = b.username;
        this.password = b.password;
        this.schema = b.schema;
        this.maximumPoolSize = b.maximumPoolSize;
        this.minimumIdle = b.minimumIdle;
        this.connectionTimeout = b.connectionTimeout;
        this.clock = b.clock;
        this.meterRegistry = b.meterRegistry;
        this.operationTimers = b.operationTimers;
    }

    /**
     * Checks a PostgreSQL schema name as the SDK accepts it: a lowercase identifier of at most 63 characters.
     *
     * @throws InvalidInputException naming {@code schema}
     */
    static String requireSchemaName(String schema) {
        if (!SchemaNames.isValid(schema)) {
            throw new InvalidInputException("schema", "must be a lowercase identifier, got: " + schema);
        }
        return schema;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The PostgreSQL schema holding the SARK tables (default {@value SarkSchema#DEFAULT_SCHEMA}). */
    public String schema() {
        return schema;
    }

    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    public int minimumIdle() {
        return minimumIdle;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** The clock used for "now" (budget windows, reservation expiry, timestamps the SDK sets). UTC system clock by default. */
    public Clock clock() {
        return clock;
    }

    /**
     * The Micrometer {@code MeterRegistry} the database and its pool report to; empty (the default) for none. Typed
     * {@code Object} so that SARK needs no Micrometer on the class path when it is not used.
     */
    public Optional<Object> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** Whether each budget and ledger operation is also timed (default false; needs a {@link #meterRegistry()}). */
    public boolean operationTimers() {
        return operationTimers;
    }

    @Override
    public String toString() {
        return "SarkConfig[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "<none>" : "****") + ", schema=" + schema
                + ", maximumPoolSize=" + maximumPoolSize + ", minimumIdle=" + minimumIdle
                + ", connectionTimeout=" + connectionTimeout + "]";
    }

    /** Builder of {@link SarkConfig}; {@link #build()} validates every setting. */
    public static final class Builder {
        private String jdbcUrl;
        private String username;
        private String password = "";
        private String schema = SarkSchema.DEFAULT_SCHEMA;
        private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
        private int minimumIdle = DEFAULT_MINIMUM_IDLE;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private Object meterRegistry;
        private boolean operationTimers;

        private Builder() {
        }

        /**
         * A Micrometer {@code io.micrometer.core.instrument.MeterRegistry} for the SDK's meters (docs/spring.md) and
         * HikariCP's pool meters; null (the default) for none.
         */
        public Builder meterRegistry(Object meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /** Also time each budget and ledger operation ({@code sark.dao.operations}); default false. */
        public Builder operationTimers(boolean operationTimers) {
            this.operationTimers = operationTimers;
            return this;
        }

        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder maximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        public Builder minimumIdle(int minimumIdle) {
            this.minimumIdle = minimumIdle;
            return this;
        }

        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @throws InvalidInputException naming the first invalid setting
         * @throws IllegalArgumentException if the meter registry is not a Micrometer {@code MeterRegistry}
         */
        public SarkConfig build() {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new InvalidInputException("jdbcUrl", "must be a jdbc:postgresql: URL, got: " + jdbcUrl);
            }
            if (username == null || username.isBlank()) {
                throw new InvalidInputException("username", "is required");
            }
            if (password == null) {
                throw new InvalidInputException("password", "must not be null (use \"\" for none)");
            }
            requireSchemaName(schema);
            if (maximumPoolSize < 1) {
                throw new InvalidInputException("maximumPoolSize", "must be at least 1, got: " + maximumPoolSize);
            }
            if (minimumIdle < 0 || minimumIdle > maximumPoolSize) {
                throw new InvalidInputException("minimumIdle", "must be between 0 and maximumPoolSize, got: " + minimumIdle);
            }
            if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
                throw new InvalidInputException("connectionTimeout", "must be at least 250 ms, got: " + connectionTimeout);
            }
            Objects.requireNonNull(clock, "clock");
            if (meterRegistry != null) {
                DaoMetrics.requireMeterRegistry(meterRegistry);
            }
            return new SarkConfig(this);
        }
    }
}
