package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import io.sark.schema.LibraryDefaults;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The migration state tables of one target schema: their Flyway installation, what of them is installed, the
 * advisory lock that serializes execute and rollback, and the names of the tables. Not API.
 */
public final class StateTables {

    /** Flyway location of the state tables. */
    public static final String LOCATION = "classpath:io/sark/migration/state";
    /** Flyway history table of the state tables (in the target schema). */
    public static final String HISTORY_TABLE = "sark_migration_history";
    /** The state migrations in order (what {@link #install} applies), for the plan's rehearsal. */
    public static final List<String> SCRIPTS = List.of("V1__migration_state.sql", "V2__page_window_checkpoint.sql", "V3__json_originals.sql",
            "V4__deferred_indexes.sql");
    /** Provenance kinds in {@code sark_migration_rows}. */
    public static final int KIND_RESOURCE = 1;
    public static final int KIND_CAPABILITY = 2;

    private final String schema;

    public StateTables(String targetSchema) {
        this.schema = targetSchema;
    }

    /** {@code "schema"."table"} in the target schema. */
    public String t(String table) {
        return q(schema) + "." + q(table);
    }

    /** Creates or upgrades the state tables (idempotent). */
    public void install(DataSource dataSource) {
        try {
            LibraryDefaults.flyway(Flyway.configure(StateTables.class.getClassLoader()))
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(false)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .placeholderReplacement(false)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new MigrationException("cannot install migration state in schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Whether the provenance and run tables exist. */
    public boolean installed(Connection c) throws SQLException {
        return Sql.tableExists(c, schema, "sark_migration_rows") && Sql.tableExists(c, schema, "sark_migration_runs");
    }

    /** How many of {@link #SCRIPTS} the schema has (the state DDL is detected, not read from the history). */
    public int scriptsInstalled(Connection c) throws SQLException {
        if (!installed(c)) {
            return 0;
        }
        if (!Sql.columnExists(c, schema, "sark_migration_runs", "next_tool_tid")) {
            return 1;
        }
        if (!new JsonOriginals(c, schema).installed()) {
            return 2;
        }
        return Sql.tableExists(c, schema, "sark_migration_deferred_indexes") ? 4 : 3;
    }

    /** Runs the state scripts not yet installed on {@code c} (inside the caller's transaction). */
    public void runMissingScripts(Connection c) throws SQLException {
        List<String> missing = SCRIPTS.subList(scriptsInstalled(c), SCRIPTS.size());
        if (!missing.isEmpty()) {
            Sql.exec(c, "SET LOCAL search_path TO " + q(schema));
            for (String script : missing) {
                Sql.exec(c, script(script));
            }
        }
    }

    static String script(String name) {
        try (InputStream in = StateTables.class.getResourceAsStream("/io/sark/migration/state/" + name)) {
            return new String(Objects.requireNonNull(in, "state script " + name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the schema has the v2 {@code resources} and {@code capabilities} tables. */
    public void requireV2Tables(Connection c) throws SQLException {
        if (!Sql.tableExists(c, schema, "resources") || !Sql.tableExists(c, schema, "capabilities")) {
            throw new MigrationException("schema " + schema + " has no resources/capabilities tables; "
                    + "run 'schema migrate' (new schema) or 'schema adopt' (v1 database in place) first");
        }
    }

    /** The advisory lock key of execute and rollback on this schema. */
    public long lockKey() {
        long h = 0x5A4B_0001_0000_0000L;
        for (char ch : ("sark-migration:" + schema).toCharArray()) {
            h = 31 * h + ch;
        }
        return h;
    }
}
