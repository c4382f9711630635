package io.sark.bench.scaleout;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sark.bench.Jdbc;
import io.sark.dao.SarkDatabase;
import io.sark.schema.SarkSchema;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * One server under test: a HikariCP pool on its JDBC URL, a SARK schema of its own (uniquely named, migrated on
 * {@link #open}; on a database with the citus extension the migration distributes the tables), and the SDK bound to
 * that schema. {@link #close()} drops the schema and closes the pool.
 */
final class Target implements AutoCloseable {

    /** The tables the benchmark writes. */
    private static final String[] WRITTEN = {"cost_tracking", "cost_idempotency", "principal_budgets", "audit_events"};

    final String name;
    final String url;
    final String schema;
    final HikariDataSource pool;
    final SarkDatabase db;
    final boolean citus;

    private Target(String name, String url, String schema, HikariDataSource pool, boolean citus) {
        this.name = name;
        this.url = url;
        this.schema = schema;
        this.pool = pool;
        this.db = SarkDatabase.using(pool).withSchema(schema);
        this.citus = citus;
    }

    /** Opens a pool of {@code poolSize} connections on {@code url} and migrates a fresh schema into it. */
    static Target open(String name, String url, int poolSize) throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(poolSize);
        cfg.setPoolName("bench-" + name);
        HikariDataSource pool = new HikariDataSource(cfg);
        String schema = String.format(Locale.ROOT, "sark_bench_%s_%08x", name, ThreadLocalRandom.current().nextInt());
        try {
            boolean citus = "citus".equals(Jdbc.text(pool, "select extname from pg_extension where extname = 'citus'"));
            SarkSchema.configure().dataSource(pool).schema(schema).load().migrate();
            return new Target(name, url, schema, pool, citus);
        } catch (Exception | Error e) {
            try {
                Jdbc.exec(pool, "drop schema if exists " + schema + " cascade");
            } finally {
                pool.close();
            }
            throw e;
        }
    }

    /** {@code <schema>.<table>}. */
    String table(String table) {
        return schema + "." + table;
    }

    /** Server version; on Citus also its version, workers, shards of the ledger and co-location of the tables. */
    String describe() throws Exception {
        String s = name + ": PostgreSQL " + Jdbc.text(pool, "show server_version") + ", schema " + schema;
        if (!citus) {
            return s;
        }
        String q = "select split_part(citus_version(), ' ', 2)"
                + " || ', ' || (select count(*) from pg_dist_node where groupid > 0 and isactive and noderole = 'primary')"
                + " || ' workers, cost_tracking in ' || (select count(*) from pg_dist_shard where logicalrelid = '"
                + table("cost_tracking") + "'::regclass) || ' shards, principal tables in '"
                + " || (select count(distinct colocationid) from pg_dist_partition where logicalrelid in ("
                + Arrays.stream(new String[] {"principal_budgets", "budget_reservations", "cost_idempotency", "cost_tracking"})
                        .map(t -> "'" + table(t) + "'::regclass").collect(Collectors.joining(", "))
                + ")) || ' co-location group(s)'";
        return s + ", Citus " + Jdbc.text(pool, q);
    }

    /** {@code VACUUM (ANALYZE)} of the ledger: each bulk round starts on a vacuumed table (see CostBenchmark). */
    void vacuumLedger() throws Exception {
        Jdbc.exec(pool, "vacuum (analyze) " + table("cost_tracking"));
    }

    /**
     * {@code VACUUM (ANALYZE)} of the written tables and a {@code CHECKPOINT} (on Citus on every node), so that
     * autovacuum and checkpoints do not land in the timed charge rounds.
     */
    void quiesce() throws Exception {
        Jdbc.exec(pool, "vacuum (analyze) " + Arrays.stream(WRITTEN).map(this::table).collect(Collectors.joining(", ")));
        Jdbc.exec(pool, "checkpoint");
        if (citus) {
            Jdbc.exec(pool, "select run_command_on_workers('checkpoint')");
        }
    }

    @Override
    public void close() throws Exception {
        try {
            Jdbc.exec(pool, "drop schema if exists " + schema + " cascade");
        } finally {
            pool.close();
        }
    }
}
