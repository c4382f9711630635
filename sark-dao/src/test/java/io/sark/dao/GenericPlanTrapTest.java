package io.sark.dao;

import static io.sark.dao.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's JSONB searches must not fall into PostgreSQL's generic-plan trap: after five executions of a
 * server-prepared statement PostgreSQL may switch to a generic plan, which for {@code metadata @> $1} is not the GIN
 * index. Measured with the statistics counters of the index and the table (no wall-clock assertions): every one of
 * 25 calls on one connection must scan {@code ix_resources_metadata_gin} and none may scan the table sequentially.
 */
@SarkDatabaseTest
class GenericPlanTrapTest {

    static final int ROWS = 100_000;
    static final int CALLS = 25;
    static final String NO_MATCH = "{\"transport\": \"carrier-pigeon\"}";

    @BeforeAll
    static void seed(DSLContext dsl) {
        dsl.execute("INSERT INTO resources (id, name, protocol, endpoint, sensitivity_level, metadata) "
                + "SELECT 'gp-' || g, 'name-' || g, CASE WHEN g % 3 = 0 THEN 'http' ELSE 'mcp' END, 'cmd', 'medium', "
                + "jsonb_build_object('transport', CASE WHEN g % 2 = 0 THEN 'stdio' ELSE 'http' END, 'n', g) "
                + "FROM generate_series(1, " + ROWS + ") g");
        dsl.execute("VACUUM ANALYZE resources");
    }

    /** One physical connection, as the issue demands ("repeated on one connection"). */
    private static SarkDatabase singleConnection(TestDatabase testDb) {
        return SarkDatabase.connect(SarkConfig.builder().jdbcUrl(testDb.jdbcUrl()).schema(testDb.schema()).username(testDb.server().username())
                .password(testDb.server().password()).maximumPoolSize(1).minimumIdle(1).build());
    }

    @Test
    void metadataSearchStaysOnTheGinIndexForEveryCall(TestDatabase testDb, DSLContext observer) throws Exception {
        try (SarkDatabase db = singleConnection(testDb)) {
            assertStaysOnGin(db, observer);
        }
    }

    @Test
    void staysOnTheGinIndexEvenWhenTheSessionForcesGenericPlans(TestDatabase testDb, DSLContext observer) throws Exception {
        try (SarkDatabase db = singleConnection(testDb)) {
            db.dsl().execute("SET plan_cache_mode = force_generic_plan"); // session setting of the only pooled connection
            assertStaysOnGin(db, observer);
            assertThat(db.dsl().fetchValue("SHOW plan_cache_mode")).isEqualTo("force_generic_plan");
        }
    }

    /**
     * Control: the same search with the filter as a bind parameter on a generic plan does not use the GIN index,
     * so the counters above would catch a DAO that bound the filter.
     */
    @Test
    void controlBoundParameterOnAGenericPlanLeavesTheGinIndex(TestDatabase testDb) throws Exception {
        try (Connection c = testDb.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute("PREPARE search(jsonb) AS SELECT * FROM resources WHERE metadata @> $1 ORDER BY name, id LIMIT 100");
                try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE search('" + NO_MATCH + "')")) {
                    rs.next();
                    assertThat(rs.getString(1)).doesNotContain("ix_resources_metadata_gin").contains("ix_resources_name");
                }
                s.execute("DEALLOCATE search");
                s.execute("RESET plan_cache_mode");
            }
            // and what the DAO sends (a literal) is planned on the index whatever the session says
            try (Statement s = c.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
                try (ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) SELECT * FROM resources WHERE metadata @> '"
                        + NO_MATCH + "'::jsonb ORDER BY name, id LIMIT 100")) {
                    rs.next();
                    assertThat(rs.getString(1)).contains("ix_resources_metadata_gin");
                }
                s.execute("RESET plan_cache_mode");
            }
        }
    }

    /**
     * Control for the counters: the filter as a bind parameter through pgjdbc (server-prepared after five executions)
     * on a session that forces generic plans scans the GIN index fewer than 25 times; the counters catch the trap.
     */
    @Test
    void controlBoundParameterThroughPgjdbcIsCaughtByTheCounters(TestDatabase testDb, DSLContext observer) throws Exception {
        Counters before = Counters.read(observer);
        try (Connection c = testDb.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM resources WHERE metadata @> ?::jsonb ORDER BY name, id LIMIT 100")) {
                for (int i = 0; i < CALLS; i++) {
                    ps.setString(1, NO_MATCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("RESET plan_cache_mode");
                s.execute("SELECT pg_stat_force_next_flush()");
            }
        }
        Counters after = Counters.awaitChange(observer, before);
        assertThat(after.tableScans - before.tableScans).as("scans of resources").isGreaterThanOrEqualTo(CALLS);
        assertThat(after.ginScans - before.ginScans).as("GIN scans").isLessThan(CALLS);
    }

    private static void assertStaysOnGin(SarkDatabase db, DSLContext observer) throws Exception {
        Counters before = Counters.read(observer);
        for (int i = 0; i < CALLS; i++) {
            assertThat(db.resources().searchByMetadata(json(NO_MATCH), 100)).isEmpty();
        }
        db.dsl().fetch("SELECT pg_stat_force_next_flush()");
        Counters after = Counters.awaitChange(observer, before);
        assertThat(after.ginScans - before.ginScans).as("GIN index scans in %d calls", CALLS).isEqualTo(CALLS);
        assertThat(after.seqScans - before.seqScans).as("sequential scans of resources").isZero();
        // and a search that matches still finds rows
        assertThat(db.resources().searchByMetadata(json("{\"n\": 42}"), 10)).extracting(r -> r.id()).containsExactly("gp-42");
    }

    /** Scans of the GIN index, sequential scans of the table, and all scans of the table (any index or sequential). */
    record Counters(long ginScans, long seqScans, long tableScans) {
        static Counters read(DSLContext dsl) {
            var r = dsl.fetchOne("SELECT (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'ix_resources_metadata_gin'),"
                    + " seq_scan, seq_scan + idx_scan FROM pg_stat_user_tables WHERE relname = 'resources'");
            return new Counters(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class));
        }

        /** Statistics arrive asynchronously: wait (briefly) until the other backend's counters are visible. */
        static Counters awaitChange(DSLContext dsl, Counters before) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Counters now = read(dsl);
            while (now.tableScans == before.tableScans && System.nanoTime() < deadline) {
                Thread.sleep(50);
                now = read(dsl);
            }
            Thread.sleep(200);
            return read(dsl);
        }
    }
}
