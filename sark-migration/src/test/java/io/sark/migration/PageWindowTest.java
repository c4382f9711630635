package io.sark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.migration.internal.BatchSql;
import io.sark.migration.internal.Mapping;
import io.sark.migration.internal.StateTables;
import io.sark.migration.internal.Tid;
import io.sark.testkit.v1.V1EdgeCase;
import io.sark.testkit.v1.V1Shape;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Page-window batches: coverage of every v1 row, the tid checkpoint, the catch-up pass, and the V1 → V2 state upgrade. */
class PageWindowTest {

    static Fixture dataset(int servers, int tools) {
        return Fixture.create(V1Shape.MIGRATION, servers, tools, EnumSet.of(V1EdgeCase.COLLIDING_METADATA_KEYS));
    }

    /** Page number of a tid column or expression. */
    static String page(String tid) {
        return "((" + tid + ")::text::point)[0]::bigint";
    }

    /** {@link Fixture#v2State()} after one uninterrupted execute of the same dataset. */
    static String uninterruptedState(int servers, int tools, int batch) {
        try (Fixture f = dataset(servers, tools)) {
            f.migration().batchSize(batch).build().execute();
            return f.v2State();
        }
    }

    static long sum(Fixture f, String sql) {
        return f.count("SELECT coalesce(sum(x), 0) FROM (" + sql + ") q(x)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 10_000})
    void windowsReadEveryRowExactlyOnceIncludingTheLastPartialPageFreedSpaceAndDeadTuples(int batch) {
        try (Fixture f = dataset(150, 4)) {
            // free space (deleted and vacuumed) and dead tuples (deleted, not vacuumed) in the middle of mcp_tools
            f.exec("DELETE FROM public.mcp_tools WHERE ctid >= '(2,0)' AND ctid < '(4,0)'");
            f.exec("VACUUM public.mcp_tools");
            f.exec("DELETE FROM public.mcp_tools WHERE ctid >= '(6,0)' AND ctid < '(7,0)'");
            long tools = f.count("SELECT count(*) FROM public.mcp_tools");
            long pages = f.count("SELECT pg_relation_size('public.mcp_tools') / current_setting('block_size')::bigint");
            assertThat(f.count("SELECT count(*) FROM public.mcp_tools WHERE ctid >= '(" + (pages - 1) + ",0)'"))
                    .as("the last page is partial").isPositive()
                    .isLessThan(f.count("SELECT count(*) FROM public.mcp_tools WHERE ctid >= '(0,0)' AND ctid < '(1,0)'"));
            assertThat(tools).isLessThan(600).isGreaterThan(300);

            ExecuteResult r = f.migration().batchSize(batch).build().execute();

            assertThat(r.resourcesCreated()).isEqualTo(150);
            assertThat(r.capabilitiesCreated()).isEqualTo(tools);
            assertThat(r.capabilitiesSkipped()).isZero();
            String run = " FROM sark.sark_migration_batches WHERE run_id = " + r.runId();
            assertThat(f.count("SELECT count(*)" + run + " AND pass <> 'pages'")).as("no catch-up needed").isZero();
            assertThat(sum(f, "SELECT rows_read" + run + " AND phase = 'capabilities'")).isEqualTo(tools);
            assertThat(f.count("SELECT count(*)" + run)).isEqualTo(r.batches());
            // every batch is full but the last one of each phase (the windows hold at least batchSize rows on dense pages)
            assertThat(f.count("SELECT count(*)" + run + " AND rows_read < " + batch)).isLessThanOrEqualTo(batch == 1 ? 0 : 4);
            // batches follow each other in physical order
            assertThat(f.count("SELECT count(*) FROM (SELECT phase, first_tid, lag(last_tid) OVER (PARTITION BY phase ORDER BY batch_no) AS prev"
                    + run + ") b WHERE prev IS NOT NULL AND first_tid <= prev")).isZero();
            assertThat(f.one("SELECT next_tool_tid::text FROM sark.sark_migration_runs WHERE id = " + r.runId())).isNotNull();
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }

    @Test
    void theBatchStatementReadsAWindowWithATidRangeScan() throws SQLException {
        try (Fixture f = dataset(300, 5)) {
            f.exec("ANALYZE public.mcp_tools");
            f.exec("ANALYZE public.mcp_servers");
            V1ToV2Migration m = f.migration().build();
            m.installState();
            Mapping mapping = new Mapping("public", m.detectShape());
            for (boolean servers : new boolean[] {true, false}) {
                Tid from = new Tid(3, 7);
                String sql = BatchSql.batchStatement(new StateTables(m.targetSchema()), servers, BatchSql.pageWindowSelect(mapping, servers, from, 6, 100),
                        BatchSql.pageWindowKeys(mapping, servers, from, 6, 100), null);
                List<String> plan = new ArrayList<>();
                try (Connection c = f.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                    ps.setLong(1, 1);
                    ps.setInt(2, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.add(rs.getString(1));
                        }
                    }
                    plan.add(0, "-- " + c.getMetaData().getDatabaseProductVersion());
                }
                System.out.println(String.join("\n", plan));
                String table = servers ? "mcp_servers" : "mcp_tools";
                assertThat(String.join("\n", plan)).contains("Tid Range Scan on " + table).doesNotContain("Seq Scan on " + table)
                        .contains("TID Cond: ((ctid >= '(3,7)'::tid) AND (ctid < '(6,0)'::tid))");
            }
        }
    }

    @Test
    void resumeStartsAtTheTidCheckpointAndReadsNoRowTwice() {
        String expected = uninterruptedState(60, 6, 25);
        try (Fixture f = dataset(60, 6)) {
            V1ToV2Migration failing = f.migration().batchSize(25).progress(p -> {
                if (p.phase() == MigrationPhase.CAPABILITIES && p.done() >= 150) {
                    throw new IllegalStateException("stopped in the page pass");
                }
            }).build();
            assertThatThrownBy(failing::execute).hasMessageContaining("stopped in the page pass");
            String checkpoint = f.one("SELECT next_tool_tid::text FROM sark.sark_migration_runs");
            assertThat(f.count("SELECT " + page("next_tool_tid") + " FROM sark.sark_migration_runs")).isPositive();
            // the checkpoint is the position right after the last tuple the last committed batch read
            assertThat(f.one("SELECT ('(' || " + page("last_tid") + " || ',' || (((last_tid)::text::point)[1]::int + 1) || ')') "
                    + "FROM sark.sark_migration_batches ORDER BY batch_no DESC LIMIT 1")).isEqualTo(checkpoint);
            assertThat(f.count("SELECT count(*) FROM sark.capabilities")).isEqualTo(150);

            long firstAttempt = f.count("SELECT max(batch_no) FROM sark.sark_migration_batches");
            ExecuteResult resumed = f.migration().batchSize(25).build().execute();
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.capabilitiesCreated()).isEqualTo(360);
            assertThat(resumed.capabilitiesSkipped()).isZero();
            String resumedAt = f.one("SELECT min(first_tid)::text FROM sark.sark_migration_batches WHERE batch_no > " + firstAttempt);
            // the resumed batches start at the checkpoint: no v1 row lies between the two
            assertThat(f.one("SELECT '" + resumedAt + "'::tid >= '" + checkpoint + "'::tid")).isEqualTo("t");
            assertThat(f.count("SELECT count(*) FROM public.mcp_tools WHERE ctid >= '" + checkpoint + "' AND ctid < '" + resumedAt + "'")).isZero();
            assertThat(sum(f, "SELECT rows_read FROM sark.sark_migration_batches WHERE phase = 'capabilities'")).isEqualTo(360);
            assertThat(f.count("SELECT count(*) FROM sark.sark_migration_batches WHERE pass <> 'pages'")).isZero();
            assertThat(f.v2State()).isEqualTo(expected);
        }
    }

    /** Stops execute after a committed batch of the tools' page pass that left the checkpoint beyond page 1. */
    private static void interruptInTheToolsPagePass(Fixture f) {
        V1ToV2Migration failing = f.migration().batchSize(20).progress(p -> {
            if (p.phase() == MigrationPhase.CAPABILITIES && Long.parseLong(f.one("SELECT " + page("next_tool_tid") + " FROM sark.sark_migration_runs")) >= 2) {
                throw new IllegalStateException("interrupted");
            }
        }).build();
        assertThatThrownBy(failing::execute).hasMessageContaining("interrupted");
    }

    /** 80 servers × 5 tools with the rows of page 0 of mcp_tools deleted and vacuumed: free space behind the checkpoint. */
    private static Fixture withFreeSpaceOnPageZero() {
        Fixture f = dataset(80, 5);
        f.exec("DELETE FROM public.mcp_tools WHERE ctid < '(1,0)'");
        f.exec("VACUUM public.mcp_tools");
        return f;
    }

    private static String copyOfATool(String newId, String newName) {
        return "INSERT INTO public.mcp_tools SELECT (jsonb_populate_record(t, jsonb_build_object('id', '" + newId + "', 'name', '" + newName
                + "'))).* FROM public.mcp_tools t ORDER BY t.ctid DESC LIMIT 1";
    }

    @Test
    void aV1RowInsertedOnAPageAlreadyReadBetweenAttemptsIsMigratedByTheCatchUpPass() {
        try (Fixture f = withFreeSpaceOnPageZero()) {
            interruptInTheToolsPagePass(f);
            String id = "00000000-0000-4000-8000-0000000000c1";
            f.exec(copyOfATool(id, "inserted-between-attempts"));
            assertThat(f.count("SELECT " + page("ctid") + " FROM public.mcp_tools WHERE id = '" + id + "'"))
                    .as("premise: the new row lies before the checkpoint")
                    .isLessThan(f.count("SELECT " + page("next_tool_tid") + " FROM sark.sark_migration_runs"));

            ExecuteResult r = f.migration().batchSize(20).build().execute();

            assertThat(r.resumed()).isTrue();
            assertThat(f.one("SELECT name FROM sark.capabilities WHERE id = '" + id + "'")).isEqualTo("inserted-between-attempts");
            assertThat(f.count("SELECT count(*) FROM sark.sark_migration_rows WHERE kind = 2 AND id = '" + id + "'")).isOne();
            assertThat(f.count("SELECT sum(rows_created) FROM sark.sark_migration_batches WHERE pass = 'catch_up'")).isOne();
            assertThat(f.count("SELECT count(*) FROM sark.capabilities")).isEqualTo(f.count("SELECT count(*) FROM public.mcp_tools"));
            StatusResult.Run run = f.migration().build().status().runs().get(0);
            assertThat(run.toolsTotal()).isEqualTo(f.count("SELECT count(*) FROM public.mcp_tools"));
            assertThat(run.capabilitiesCreated()).isEqualTo(run.toolsTotal());
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }

    @Test
    void aV1RowAnUpdateMovedBehindTheCheckpointIsMigratedByTheCatchUpPass() {
        try (Fixture f = withFreeSpaceOnPageZero()) {
            interruptInTheToolsPagePass(f);
            String checkpointPage = f.one("SELECT " + page("next_tool_tid") + " FROM sark.sark_migration_runs");
            // a row of a full page not read yet; its longer new version does not fit there and goes to the free page 0
            long unread = Long.parseLong(checkpointPage) + 1;
            String id = f.one("SELECT id FROM public.mcp_tools WHERE ctid >= '(" + unread + ",0)' AND ctid < '(" + (unread + 1) + ",0)' LIMIT 1");
            assertThat(f.count("SELECT count(*) FROM sark.capabilities WHERE id = '" + id + "'")).isZero();
            f.exec("UPDATE public.mcp_tools SET name = 'moved-' || repeat('x', 200) WHERE id = '" + id + "'");
            assertThat(f.count("SELECT " + page("ctid") + " FROM public.mcp_tools WHERE id = '" + id + "'"))
                    .as("premise: the new row version lies before the checkpoint").isLessThan(Long.parseLong(checkpointPage));

            f.migration().batchSize(20).build().execute();

            assertThat(f.one("SELECT name FROM sark.capabilities WHERE id = '" + id + "'")).isEqualTo("moved-" + "x".repeat(200));
            assertThat(f.count("SELECT count(*) FROM sark.sark_migration_batches WHERE pass = 'catch_up'")).isOne();
            assertThat(f.count("SELECT count(*) FROM sark.capabilities")).isEqualTo(f.count("SELECT count(*) FROM public.mcp_tools"));
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }

    @Test
    void aRunInterruptedUnderTheV1StateSchemaResumesWithKeysetBatchesAfterTheUpgrade() {
        String expected = uninterruptedState(30, 2, 10);
        try (Fixture f = dataset(30, 2)) {
            Flyway.configure(V1ToV2Migration.class.getClassLoader()).dataSource(f.db.dataSource()).locations(V1ToV2Migration.STATE_LOCATION)
                    .schemas("sark").defaultSchema("sark").createSchemas(false).table(V1ToV2Migration.STATE_HISTORY_TABLE)
                    .baselineOnMigrate(true).baselineVersion("0").target("1").load().migrate();
            // what a keyset run of the previous version left after its first batch of 10 servers, then a failure
            Mapping mapping = new Mapping("public", f.migration().build().detectShape());
            String first10 = mapping.serversSelect(null, "ORDER BY s.id LIMIT 10");
            f.exec("INSERT INTO sark.sark_migration_runs (state, phase, v1_schema, shape, batch_size, servers_total, tools_total, last_server_id, "
                    + "batches_done, resources_created, started_at, updated_at, error, tool_version) SELECT 'failed', 'resources', 'public', "
                    + "'MIGRATION', 10, 30, 60, max(v1_id::text COLLATE \"C\")::uuid, 1, 10, now(), now(), 'killed', 'sark-migration 2.0.0' FROM (" + first10 + ") x");
            f.exec("INSERT INTO sark.resources (" + Mapping.RESOURCE_COLUMNS + ") SELECT " + Mapping.RESOURCE_COLUMNS + " FROM (" + first10 + ") x");
            f.exec("INSERT INTO sark.sark_migration_rows (kind, id, run_id, batch_no) SELECT 1, v1_id, 1, 1 FROM (" + first10 + ") x");
            f.exec("INSERT INTO sark.sark_migration_batches (run_id, batch_no, phase, first_id, last_id, rows_read, rows_created, started_at, "
                    + "finished_at) SELECT 1, 1, 'resources', min(v1_id::text COLLATE \"C\")::uuid, max(v1_id::text COLLATE \"C\")::uuid, 10, 10, now(), now() FROM (" + first10 + ") x");

            PlanResult plan = f.migration().build().plan();
            assertThat(plan.rehearsal().succeeded()).as(String.valueOf(plan.rehearsal().error())).isTrue();
            assertThat(plan.rehearsal().resources()).isEqualTo(20);
            assertThat(f.one("SELECT max(version) FROM sark.sark_migration_history WHERE success")).as("plan upgraded nothing").isEqualTo("1");

            ExecuteResult r = f.migration().batchSize(10).build().execute();
            assertThat(f.one("SELECT max(version) FROM sark.sark_migration_history WHERE success")).as("execute applied the state migrations up to the latest")
                    .isEqualTo(String.valueOf(StateTables.SCRIPTS.size()));
            assertThat(r.resumed()).isTrue();
            assertThat(r.runId()).isEqualTo(1);
            assertThat(r.resourcesCreated()).isEqualTo(30);
            assertThat(r.capabilitiesCreated()).isEqualTo(60);
            assertThat(f.one("SELECT string_agg(DISTINCT pass, ',') FROM sark.sark_migration_batches WHERE run_id = 1")).isEqualTo("keys");
            assertThat(f.v2State()).isEqualTo(expected);
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();

            // the next run starts with page windows and finds everything there
            ExecuteResult again = f.migration().batchSize(10).build().execute();
            assertThat(again.resumed()).isFalse();
            assertThat(again.resourcesCreated() + again.capabilitiesCreated()).isZero();
            assertThat(again.resourcesSkipped() + again.capabilitiesSkipped()).isEqualTo(90);
            assertThat(f.one("SELECT string_agg(DISTINCT pass, ',') FROM sark.sark_migration_batches WHERE run_id = " + again.runId())).isEqualTo("pages");
        }
    }

    @Test
    void theRehearsalAppliesTheSameStateMigrationsAsInstallState() throws URISyntaxException, java.io.IOException {
        Path folder = Path.of(V1ToV2Migration.class.getResource("/io/sark/migration/state").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(StateTables.SCRIPTS);
        }
    }

    @Test
    void pagesPerBatchHoldAboutABatchOfRows() {
        assertThat(BatchSql.pagesPerBatch(10_000, 1_000_000, 30_000)).isEqualTo(300);
        assertThat(BatchSql.pagesPerBatch(10_000, 999_999, 30_000)).isEqualTo(301); // rounded up
        assertThat(BatchSql.pagesPerBatch(7, 40, 2)).isEqualTo(1);
        assertThat(BatchSql.pagesPerBatch(10_000, 0, 12)).isEqualTo(12); // no rows: one window over the table
        assertThat(BatchSql.pagesPerBatch(10_000, 5, 0)).isEqualTo(1);
        assertThat(BatchSql.pagesPerBatch(1_000_000, 10, 1L << 31)).isEqualTo(Integer.MAX_VALUE);
    }
}
