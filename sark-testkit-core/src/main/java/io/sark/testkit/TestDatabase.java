package io.sark.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sark.testkit.internal.SchemaSetup;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One database created by {@link SarkTestDatabases}: a pooled {@link DataSource} whose connections have the
 * SARK schema first on their search_path, and a {@link DSLContext} over it that renders the generated jOOQ
 * classes into that schema. {@link #close()} closes the pool and drops the database (under
 * {@link IsolateBy#SCHEMA}, the schema). The URL, user and password let other tools connect to it the same way.
 */
public final class TestDatabase implements AutoCloseable {

    static {
        io.sark.schema.LibraryDefaults.quietJooq(); // before jOOQ renders its first query: no logo, no tips
    }

    /** Connections in the pool of each test database. */
    public static final int POOL_SIZE = 40;

    private final SarkTestDatabases owner;
    private final String name;
    private final String schema;
    private final boolean isSchema;
    private volatile HikariDataSource dataSource;
    private volatile DSLContext dsl;

    TestDatabase(SarkTestDatabases owner, String name, String schema, boolean isSchema) {
        this.owner = owner;
        this.name = name;
        this.schema = schema;
        this.isSchema = isSchema;
    }

    /** The database name on the server. */
    public String name() {
        return name;
    }

    /** The PostgreSQL schema the SARK tables are in. */
    public String schema() {
        return schema;
    }

    /** Whether this test database is a schema of its own in a shared database ({@link IsolateBy#SCHEMA}). */
    public boolean isSchema() {
        return isSchema;
    }

    /** The user that {@link #dataSource()} connects as. */
    public String username() {
        return owner.server().username();
    }

    /** That user's password (empty when the server needs none). */
    public String password() {
        return owner.server().password();
    }

    /** JDBC URL of this database (without credentials; see {@link #server()}). */
    public String jdbcUrl() {
        return owner.server().jdbcUrl(name);
    }

    /** The server this database lives on. */
    public PostgresServer server() {
        return owner.server();
    }

    /** A pooled DataSource (HikariCP, up to {@link #POOL_SIZE} connections), created on first use. */
    public DataSource dataSource() {
        HikariDataSource ds = dataSource;
        if (ds == null) {
            synchronized (this) {
                ds = dataSource;
                if (ds == null) {
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl(jdbcUrl() + (jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema);
                    config.setUsername(owner.server().username());
                    config.setPassword(owner.server().password());
                    config.setMaximumPoolSize(POOL_SIZE);
                    config.setMinimumIdle(0);
                    config.setPoolName("sark-test-" + name);
                    ds = new HikariDataSource(config);
                    dataSource = ds;
                }
            }
        }
        return ds;
    }

    /** A jOOQ context over {@link #dataSource()}, mapping the generated schema to {@link #schema()}. */
    public DSLContext dsl() {
        DSLContext d = dsl;
        if (d == null) {
            d = DSL.using(dataSource(), SQLDialect.POSTGRES, SchemaSetup.renderSettings(schema));
            dsl = d;
        }
        return d;
    }

    /** Closes the pool and drops the database or schema (also when connections are still open). */
    @Override
    public void close() {
        HikariDataSource ds = dataSource;
        if (ds != null) {
            ds.close();
        }
        owner.drop(this);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + ", schema " + schema + (isSchema ? " (schema isolation)" : "") + ", " + owner.server().description() + "]";
    }
}
