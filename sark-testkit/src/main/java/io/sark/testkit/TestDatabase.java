package io.sark.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sark.schema.SarkSchema;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * One database created by {@link SarkTestDatabases}: a pooled {@link DataSource} whose connections have the
 * SARK schema first on their search_path, and a {@link DSLContext} over it that renders the generated jOOQ
 * classes into that schema. {@link #close()} closes the pool and drops the database.
 */
public final class TestDatabase implements AutoCloseable {

    /** Connections in the pool of each test database. */
    public static final int POOL_SIZE = 40;

    private final SarkTestDatabases owner;
    private final String name;
    private final String schema;
    private volatile HikariDataSource dataSource;
    private volatile DSLContext dsl;

    TestDatabase(SarkTestDatabases owner, String name, String schema) {
        this.owner = owner;
        this.name = name;
        this.schema = schema;
    }

    /** The database name on the server. */
    public String name() {
        return name;
    }

    /** The PostgreSQL schema the SARK tables are in. */
    public String schema() {
        return schema;
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
            Settings settings = new Settings();
            if (!SarkSchema.DEFAULT_SCHEMA.equals(schema)) {
                settings.setRenderMapping(new RenderMapping().withSchemata(
                        new MappedSchema().withInput(SarkSchema.DEFAULT_SCHEMA).withOutput(schema)));
            }
            d = DSL.using(dataSource(), SQLDialect.POSTGRES, settings);
            dsl = d;
        }
        return d;
    }

    /** Closes the pool and drops the database (also when connections are still open). */
    @Override
    public void close() {
        HikariDataSource ds = dataSource;
        if (ds != null) {
            ds.close();
        }
        owner.drop(name);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + ", schema " + schema + ", " + owner.server().description() + "]";
    }
}
