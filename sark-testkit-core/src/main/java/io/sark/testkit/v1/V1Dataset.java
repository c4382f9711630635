package io.sark.testkit.v1;

import io.sark.schema.InvalidInputException;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaNames;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Generates a SARK v1 database of N servers × M tools in either {@link V1Shape}, filled with {@code COPY},
 * deterministic for a seed (same seed, same sizes, same edge cases: byte-identical rows).
 *
 * <pre>{@code
 * V1DatasetSummary s = V1Dataset.builder()
 *         .shape(V1Shape.ORM).schema("public")
 *         .servers(10_000).toolsPerServer(10)
 *         .edgeCases(EnumSet.allOf(V1EdgeCase.class))
 *         .build()
 *         .create(dataSource);
 * }</pre>
 *
 * <p>The {@link V1Shape#MIGRATION} shape is created by this SDK's own migrations V1–V5 (target
 * {@link SarkSchema#V1_VERSION}); Flyway's history table is then dropped so the database looks like a v1
 * database that was never under Flyway (optionally with an Alembic {@code alembic_version} table). The
 * {@link V1Shape#ORM} shape is created from the DDL the reference application's ORM produced.
 *
 * <p>The target schema must not contain an {@code mcp_servers} table yet. Instances are immutable.
 */
public final class V1Dataset {

    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 20_250_618L;
    /** How many servers each requested edge case is applied to. */
    public static final int EDGE_CASE_SERVERS = 3;
    /** The extra sensitivity label {@link V1EdgeCase#UNKNOWN_SENSITIVITY} adds to the enum (lowercase form). */
    public static final String UNKNOWN_SENSITIVITY_LABEL = "restricted";
    /** Alembic revision written to {@code alembic_version} when requested. */
    public static final String ALEMBIC_HEAD = "005_gateway_audit";

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx", Locale.ROOT);
    private static final long BASE_EPOCH = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final String[] TRANSPORTS = {"stdio", "http", "sse"};
    private static final String[] SENSITIVITIES = {"low", "medium", "high", "critical"};
    private static final String[] STATUSES = {"registered", "active", "inactive", "unhealthy", "decommissioned"};
    private static final int COPY_CHUNK_CHARS = 8 << 20;

    private final V1Shape shape;
    private final String schema;
    private final int servers;
    private final int toolsPerServer;
    private final long seed;
    private final Set<V1EdgeCase> edgeCases;
    private final boolean alembicVersion;

    private V1Dataset(Builder b) {
        this.shape = b.shape;
        this.schema = b.schema;
        this.servers = b.servers;
        this.toolsPerServer = b.toolsPerServer;
        this.seed = b.seed;
        this.edgeCases = b.edgeCases.isEmpty() ? EnumSet.noneOf(V1EdgeCase.class) : EnumSet.copyOf(b.edgeCases);
        this.alembicVersion = b.alembicVersion;
    }

    /** Starts a configuration: defaults MIGRATION shape, schema {@code public}, 100 × 10, no edge cases. */
    public static Builder builder() {
        return new Builder();
    }

    /** The shape this dataset creates. */
    public V1Shape shape() {
        return shape;
    }

    /** The schema the v1 tables go to. */
    public String schema() {
        return schema;
    }

    /**
     * Creates the v1 tables in {@link #schema()} and fills them. Uses its own connections from
     * {@code dataSource} and commits.
     *
     * @throws IllegalStateException if the schema already holds v1 tables or a statement fails
     */
    public V1DatasetSummary create(DataSource dataSource) {
        long t0 = System.nanoTime();
        try {
            createTables(dataSource);
            Map<V1EdgeCase, List<UUID>> edges;
            long users;
            long teams;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL search_path TO " + quote(schema));
                    st.execute("SET LOCAL TimeZone TO 'UTC'");
                }
                Generator g = new Generator();
                users = Math.max(1, servers / 100);
                teams = Math.max(1, servers / 500);
                g.copyUsersAndTeams(c, (int) users, (int) teams);
                edges = g.copyServersAndTools(c);
                c.commit();
            }
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE " + quote(schema) + ".mcp_servers");
                st.execute("ANALYZE " + quote(schema) + ".mcp_tools");
            }
            return new V1DatasetSummary(schema, shape, servers, (long) servers * toolsPerServer, users, teams, edges,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create the v1 dataset in schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private void createTables(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT to_regclass('" + quote(schema) + ".mcp_servers') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("schema " + schema + " already has an mcp_servers table");
                }
            }
        }
        if (shape == V1Shape.MIGRATION) {
            SarkSchema.configure().dataSource(dataSource).schema(schema).target(SarkSchema.V1_VERSION).load().migrate();
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            st.execute("SET LOCAL search_path TO " + quote(schema));
            if (shape == V1Shape.MIGRATION) {
                st.execute("DROP TABLE " + quote(SarkSchema.HISTORY_TABLE));
            } else {
                st.execute(V1OrmDdl.DDL);
            }
            if (alembicVersion) {
                st.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                        + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
                st.execute("INSERT INTO alembic_version VALUES ('" + ALEMBIC_HEAD + "')");
            }
            c.commit();
            if (edgeCases.contains(V1EdgeCase.UNKNOWN_SENSITIVITY)) {
                // ADD VALUE must be committed before the label can be used
                c.setAutoCommit(true);
                st.execute("ALTER TYPE " + quote(schema) + ".sensitivitylevel ADD VALUE IF NOT EXISTS '"
                        + label(UNKNOWN_SENSITIVITY_LABEL) + "'");
            }
        }
    }

    private String label(String lower) {
        return shape == V1Shape.ORM ? lower.toUpperCase(Locale.ROOT) : lower;
    }

    static String quote(String identifier) {
        return SchemaNames.quote(identifier);
    }

    /** Writes the rows; one instance per {@link #create} call. */
    private final class Generator {
        private final SplittableRandom random = new SplittableRandom(seed);
        private final List<UUID> userIds = new ArrayList<>();
        private final List<UUID> teamIds = new ArrayList<>();
        private final StringBuilder buf = new StringBuilder(COPY_CHUNK_CHARS + (1 << 20));

        UUID uuid() {
            long msb = (random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
            long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(msb, lsb);
        }

        String ts(long offsetSeconds, int micros) {
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(BASE_EPOCH + offsetSeconds, micros * 1000L),
                    ZoneOffset.UTC).format(TS);
        }

        void copyUsersAndTeams(Connection c, int users, int teams) throws SQLException, IOException {
            boolean orm = shape == V1Shape.ORM;
            for (int i = 0; i < users; i++) {
                UUID id = uuid();
                userIds.add(id);
                String created = ts(random.nextInt(86_400 * 30), random.nextInt(1_000_000));
                row(id.toString(), "user" + i + "@example.com", "User " + i, "$2b$12$" + Long.toHexString(random.nextLong()),
                        "t", i == 0 ? "t" : "f", i == 0 ? "admin" : "developer", "{\"n\": " + i + "}", created, created);
            }
            copy(c, "users (id, email, full_name, hashed_password, is_active, is_admin, role, extra_metadata, created_at, updated_at)");
            for (int i = 0; i < teams; i++) {
                UUID id = uuid();
                teamIds.add(id);
                String created = ts(random.nextInt(86_400 * 30), random.nextInt(1_000_000));
                row(id.toString(), "team-" + i, i % 2 == 0 ? null : "Team number " + i, "{}", created, created);
            }
            copy(c, "teams (id, name, description, extra_metadata, created_at, updated_at)");
            for (int i = 0; i < userIds.size(); i++) {
                row(userIds.get(i).toString(), teamIds.get(i % teamIds.size()).toString());
            }
            copy(c, "user_teams (user_id, team_id)");
            if (orm) {
                return;
            }
        }

        Map<V1EdgeCase, List<UUID>> copyServersAndTools(Connection c) throws SQLException, IOException {
            boolean orm = shape == V1Shape.ORM;
            Map<V1EdgeCase, List<UUID>> edges = new EnumMap<>(V1EdgeCase.class);
            List<V1EdgeCase> ordered = new ArrayList<>(edgeCases);
            StringBuilder tools = new StringBuilder(COPY_CHUNK_CHARS + (1 << 20));
            String serverCols = "mcp_servers (id, name, description, transport, endpoint, command, mcp_version, capabilities, "
                    + "sensitivity_level, signature, status, health_endpoint, last_health_check, owner_id, team_id, consul_id, "
                    + "tags, extra_metadata, created_at, updated_at)";
            String toolCols = orm
                    ? "mcp_tools (id, server_id, name, description, parameters, sensitivity_level, requires_approval, signature, "
                    + "invocation_count, last_invoked, extra_metadata, created_at, updated_at)"
                    : "mcp_tools (id, server_id, name, description, parameters_schema, sensitivity_level, requires_approval, "
                    + "signature, extra_metadata, created_at, updated_at)";
            String large = V1EdgeCaseJson.large();
            for (int i = 0; i < servers; i++) {
                // edge case k applies to servers k*EDGE_CASE_SERVERS .. k*EDGE_CASE_SERVERS+2 (in generation order)
                int k = i / EDGE_CASE_SERVERS;
                V1EdgeCase edge = k < ordered.size() ? ordered.get(k) : null;
                UUID id = uuid();
                if (edge != null) {
                    edges.computeIfAbsent(edge, e -> new ArrayList<>()).add(id);
                }
                String transport = TRANSPORTS[random.nextInt(3)];
                String command = transport.equals("stdio") ? "npx -y @mcp/server-" + i : (i % 7 == 0 ? "uvx mcp-proxy " + i : null);
                String endpoint = transport.equals("stdio") ? (i % 11 == 0 ? "http://localhost:" + (3000 + i % 1000) : null)
                        : "https://mcp" + i + ".example.com/" + transport;
                if (edge == V1EdgeCase.NULL_COMMAND_AND_ENDPOINT) {
                    command = null;
                    endpoint = null;
                }
                String name = edge == V1EdgeCase.UNICODE_NAMES ? "сервер-" + i + "-漢字-🚀-e\u0301" : "server-" + i;
                String description = random.nextInt(4) == 0 ? null
                        : (edge == V1EdgeCase.UNICODE_NAMES ? "Ünïcödé \"quoted\" \\ back\tslash ✓ " + i : "MCP server number " + i);
                String sensitivity = SENSITIVITIES[random.nextInt(4)];
                if (edge == V1EdgeCase.UNKNOWN_SENSITIVITY) {
                    sensitivity = UNKNOWN_SENSITIVITY_LABEL;
                }
                String status = STATUSES[random.nextInt(5)];
                String signature = random.nextInt(3) == 0 ? "sig-" + Long.toHexString(random.nextLong()) : null;
                String health = endpoint != null && random.nextBoolean() ? endpoint + "/health" : null;
                String lastHealth = random.nextInt(3) == 0 ? null : ts(86_400 * 60 + random.nextInt(86_400 * 30), random.nextInt(1_000_000));
                String owner = random.nextInt(4) == 0 ? null : userIds.get(random.nextInt(userIds.size())).toString();
                String team = random.nextInt(3) == 0 ? null : teamIds.get(random.nextInt(teamIds.size())).toString();
                String consul = i % 3 == 0 ? "consul-" + i : null;
                String tags = "[\"env:" + (i % 2 == 0 ? "prod" : "dev") + "\", \"idx:" + i + "\"]";
                String extra = "{\"region\": \"eu-west-" + (i % 3 + 1) + "\", \"tier\": " + (i % 3) + "}";
                String capabilities = "[\"tools\"" + (i % 2 == 0 ? ", \"resources\"" : "") + "]";
                switch (edge == null ? V1EdgeCase.UNICODE_NAMES : edge) {
                    case COLLIDING_METADATA_KEYS -> extra = "{\"status\": \"override\", \"transport\": \"carrier-pigeon\", "
                            + "\"description\": \"from extra\", \"owner\": \"ops\"}";
                    case LARGE_JSON -> extra = large;
                    case NON_OBJECT_JSON -> {
                        extra = (orm && i % EDGE_CASE_SERVERS == 2) ? null : "[\"not\", \"an\", \"object\"]";
                        if (orm && i % EDGE_CASE_SERVERS == 1) {
                            tags = null;
                            capabilities = null;
                        }
                    }
                    default -> extra = edge == null ? extra : V1EdgeCaseJson.serverExtra(edge, i % EDGE_CASE_SERVERS, orm, extra);
                }
                long createdOffset = random.nextInt(86_400 * 60);
                String created = ts(createdOffset, random.nextInt(1_000_000));
                String updated = ts(createdOffset + random.nextInt(86_400 * 30), random.nextInt(1_000_000));
                row(id.toString(), name, description, label(transport), endpoint, command, "2025-06-18", capabilities,
                        label(sensitivity), signature, label(status), health, lastHealth, owner, team, consul, tags, extra,
                        created, updated);

                for (int j = 0; j < toolsPerServer; j++) {
                    UUID tid = uuid();
                    String tname = edge == V1EdgeCase.UNICODE_NAMES ? "инструмент_" + j + "_ツール" : "tool_" + j;
                    String tdesc = random.nextInt(5) == 0 ? null : "Tool " + j + " of server " + i;
                    String params = "{\"type\": \"object\", \"properties\": {\"arg" + j + "\": {\"type\": \"string\"}}, "
                            + "\"required\": [\"arg" + j + "\"]}";
                    String tsens = SENSITIVITIES[random.nextInt(4)];
                    if (edge == V1EdgeCase.UNKNOWN_SENSITIVITY) {
                        tsens = UNKNOWN_SENSITIVITY_LABEL;
                    }
                    String approval = random.nextInt(4) == 0 ? "t" : "f";
                    String tsig = random.nextInt(3) == 0 ? "tsig-" + Long.toHexString(random.nextLong()) : null;
                    String textra = random.nextInt(2) == 0 ? "{}" : "{\"category\": \"cat-" + (j % 5) + "\"}";
                    switch (edge == null ? V1EdgeCase.UNICODE_NAMES : edge) {
                        case COLLIDING_METADATA_KEYS -> textra = "{\"requires_approval\": \"ask-bob\", \"signature\": \"forged\", "
                                + "\"extra\": 1}";
                        case LARGE_JSON -> params = large;
                        case NON_OBJECT_JSON -> {
                            params = (orm && j % 2 == 1) ? null : "\"a string schema\"";
                            textra = (orm && j % 2 == 0) ? null : "[1, 2, 3]";
                        }
                        default -> {
                            if (edge != null) {
                                params = V1EdgeCaseJson.toolParams(edge, j, orm, params);
                                textra = V1EdgeCaseJson.toolExtra(edge, j, orm, textra);
                            }
                        }
                    }
                    long tcreatedOffset = createdOffset + random.nextInt(86_400);
                    String tcreated = ts(tcreatedOffset, random.nextInt(1_000_000));
                    String tupdated = ts(tcreatedOffset + random.nextInt(86_400 * 10), random.nextInt(1_000_000));
                    if (orm) {
                        int invocations = random.nextInt(10_000);
                        String lastInvoked = invocations == 0 ? null : ts(tcreatedOffset + random.nextInt(86_400 * 20), random.nextInt(1_000_000));
                        rowTo(tools, tid.toString(), id.toString(), tname, tdesc, params, label(tsens), approval, tsig,
                                Integer.toString(invocations), lastInvoked, textra, tcreated, tupdated);
                    } else {
                        rowTo(tools, tid.toString(), id.toString(), tname, tdesc, params, label(tsens), approval, tsig,
                                textra, tcreated, tupdated);
                    }
                }
                if (buf.length() >= COPY_CHUNK_CHARS) {
                    copy(c, serverCols);
                }
                if (tools.length() >= COPY_CHUNK_CHARS) {
                    // tools reference servers: flush the pending servers first
                    copy(c, serverCols);
                    copyFrom(c, toolCols, tools);
                }
            }
            copy(c, serverCols);
            copyFrom(c, toolCols, tools);
            return edges;
        }

        private void row(String... values) {
            rowTo(buf, values);
        }

        private void rowTo(StringBuilder sb, String... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                String v = values[i];
                if (v == null) {
                    sb.append("\\N");
                    continue;
                }
                for (int k = 0; k < v.length(); k++) {
                    char ch = v.charAt(k);
                    switch (ch) {
                        case '\\' -> sb.append("\\\\");
                        case '\t' -> sb.append("\\t");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        default -> sb.append(ch);
                    }
                }
            }
            sb.append('\n');
        }

        private void copy(Connection c, String target) throws SQLException, IOException {
            copyFrom(c, target, buf);
        }

        private void copyFrom(Connection c, String target, StringBuilder sb) throws SQLException, IOException {
            if (sb.length() == 0) {
                return;
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(sb.toString()));
            sb.setLength(0);
        }
    }

    /** Configuration of a {@link V1Dataset}. */
    public static final class Builder {
        private V1Shape shape = V1Shape.MIGRATION;
        private String schema = "public";
        private int servers = 100;
        private int toolsPerServer = 10;
        private long seed = DEFAULT_SEED;
        private Set<V1EdgeCase> edgeCases = EnumSet.noneOf(V1EdgeCase.class);
        private boolean alembicVersion;

        private Builder() {
        }

        /** The v1 shape (default {@link V1Shape#MIGRATION}). */
        public Builder shape(V1Shape shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /** The schema for the v1 tables (default {@code public}); created if missing. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** Number of servers (default 100). */
        public Builder servers(int servers) {
            this.servers = servers;
            return this;
        }

        /** Tools per server (default 10). */
        public Builder toolsPerServer(int toolsPerServer) {
            this.toolsPerServer = toolsPerServer;
            return this;
        }

        /** Seed of the generator (default {@link V1Dataset#DEFAULT_SEED}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Edge cases to include (default none); each takes {@link V1Dataset#EDGE_CASE_SERVERS} servers. */
        public Builder edgeCases(Set<V1EdgeCase> edgeCases) {
            this.edgeCases = EnumSet.noneOf(V1EdgeCase.class);
            this.edgeCases.addAll(edgeCases);
            return this;
        }

        /** Edge cases to include. */
        public Builder edgeCases(V1EdgeCase... edgeCases) {
            return edgeCases(Set.of(edgeCases));
        }

        /** Also create Alembic's {@code alembic_version} table at {@link V1Dataset#ALEMBIC_HEAD} (default no). */
        public Builder alembicVersion(boolean alembicVersion) {
            this.alembicVersion = alembicVersion;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws InvalidInputException naming the invalid setting
         */
        public V1Dataset build() {
            if (!SchemaNames.isValid(schema)) {
                throw new InvalidInputException("schema", "must be a lowercase identifier, got: " + schema);
            }
            if (servers < 0 || toolsPerServer < 0) {
                throw new InvalidInputException(servers < 0 ? "servers" : "toolsPerServer", "must be >= 0, got: " + servers + ", "
                        + toolsPerServer);
            }
            if (servers < edgeCases.size() * EDGE_CASE_SERVERS) {
                throw new InvalidInputException("servers", "must be at least " + edgeCases.size() * EDGE_CASE_SERVERS
                        + " for " + edgeCases.size() + " edge cases, got: " + servers);
            }
            return new V1Dataset(this);
        }
    }
}
