package io.sark.migration.internal;

import io.sark.migration.InvalidJson;
import io.sark.migration.MigrationPhase;
import io.sark.migration.RunStatus;
import io.sark.migration.StatusResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and writes the run and batch rows of the state tables ({@code sark_migration_runs},
 * {@code sark_migration_batches}): the one mapping between {@link RunState} and its columns. Not API.
 */
public final class RunStore {

    private final StateTables state;

    public RunStore(StateTables state) {
        this.state = state;
    }

    /** The latest running or failed run on {@code v1Schema}, locked for update. */
    public Optional<RunState> findOpen(Connection c, String v1Schema) throws SQLException {
        List<Map<String, Object>> open = Sql.queryMaps(c, "SELECT id, phase, last_server_id, last_tool_id, batches_done, "
                + "resources_created, capabilities_created, resources_skipped, capabilities_skipped, servers_total, tools_total, "
                + "server_pages_per_batch, tool_pages_per_batch, server_end_page, tool_end_page, next_server_tid::text AS next_server_tid, "
                + "next_tool_tid::text AS next_tool_tid, catch_up, invalid_json "
                + "FROM " + state.t("sark_migration_runs") + " WHERE state IN ('running', 'failed') AND v1_schema = ? ORDER BY id DESC LIMIT 1 FOR UPDATE",
                v1Schema);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> r = open.get(0);
        long runId = num(r, "id").longValue();
        boolean pages = r.get("server_pages_per_batch") != null;
        return Optional.of(new RunState(runId, true, (String) r.get("invalid_json"), (String) r.get("phase"), num(r, "batches_done").intValue(),
                Boolean.TRUE.equals(r.get("catch_up")), table(r, "server", "servers", "resources", pages), table(r, "tool", "tools", "capabilities", pages)));
    }

    private static RunState.Table table(Map<String, Object> r, String one, String many, String v2, boolean pages) {
        Object last = r.get("last_" + one + "_id");
        return new RunState.Table(num(r, many + "_total").longValue(), num(r, v2 + "_created").longValue(), num(r, v2 + "_skipped").longValue(),
                pages ? num(r, one + "_pages_per_batch").intValue() : 0, pages ? num(r, one + "_end_page").longValue() : 0,
                pages ? Tid.parse((String) r.get("next_" + one + "_tid")) : Tid.START, last == null ? null : UUID.fromString((String) last));
    }

    private static Number num(Map<String, Object> r, String column) {
        return (Number) r.get(column);
    }

    /** Marks a resumed run running again (one more attempt). */
    public void resume(Connection c, long runId, Instant now) throws SQLException {
        Sql.update(c, "UPDATE " + state.t("sark_migration_runs") + " SET state = 'running', attempts = attempts + 1, error = NULL, "
                + "updated_at = ? WHERE id = ?", Timestamp.from(now), runId);
    }

    /** Inserts a new running run at the start of both tables and returns its state. */
    public RunState start(Connection c, String v1Schema, String shape, int batchSize, RunState.Table servers, RunState.Table tools,
                          String toolVersion, InvalidJson invalidJson, Instant now) throws SQLException {
        String rule = invalidJson.name().toLowerCase(Locale.ROOT);
        long runId = Sql.queryLong(c, "INSERT INTO " + state.t("sark_migration_runs") + " (state, phase, v1_schema, shape, batch_size, "
                + "servers_total, tools_total, started_at, updated_at, tool_version, server_pages_per_batch, tool_pages_per_batch, "
                + "server_end_page, tool_end_page, next_server_tid, next_tool_tid, invalid_json) "
                + "VALUES ('running', 'resources', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::tid, ?::tid, ?) RETURNING id",
                v1Schema, shape, batchSize, servers.total(), tools.total(), Timestamp.from(now), Timestamp.from(now),
                toolVersion, servers.pagesPerBatch(), tools.pagesPerBatch(), servers.endPage(), tools.endPage(), servers.next().toString(),
                tools.next().toString(), rule);
        return new RunState(runId, false, rule, RunState.SERVERS_PHASE, 0, false, servers, tools);
    }

    /** Stores the checkpoint of {@code s} (and completes the run when it is done). */
    public void save(Connection c, RunState s, Instant instant) throws SQLException {
        Timestamp now = Timestamp.from(instant);
        List<Object> p = new ArrayList<>(List.of(s.phase()));
        p.add(s.servers().lastId());
        p.add(s.tools().lastId());
        p.add(s.batchesDone());
        p.add(s.servers().created());
        p.add(s.tools().created());
        p.add(s.servers().skipped());
        p.add(s.tools().skipped());
        p.add(now);
        p.add(s.servers().total());
        p.add(s.tools().total());
        p.add(s.servers().pagesPerBatch() > 0 ? s.servers().next().toString() : null);
        p.add(s.tools().pagesPerBatch() > 0 ? s.tools().next().toString() : null);
        p.add(s.catchUp());
        if (s.done()) {
            p.add(now);
        }
        p.add(s.runId());
        Sql.update(c, "UPDATE " + state.t("sark_migration_runs") + " SET phase = ?, last_server_id = ?, last_tool_id = ?, batches_done = ?, "
                + "resources_created = ?, capabilities_created = ?, resources_skipped = ?, capabilities_skipped = ?, updated_at = ?, "
                + "servers_total = ?, tools_total = ?, next_server_tid = ?::tid, next_tool_tid = ?::tid, catch_up = ?"
                + (s.done() ? ", state = 'completed', finished_at = ?" : "") + " WHERE id = ?", p.toArray());
    }

    /** Records one committed batch; {@code first}/{@code last} are tids for the {@code pages} pass, else uuids. */
    public void recordBatch(Connection c, long runId, int batchNo, String phase, String pass, String first, String last, long rows,
                            long created, Instant started, Instant finished) throws SQLException {
        boolean tids = "pages".equals(pass);
        Sql.update(c, "INSERT INTO " + state.t("sark_migration_batches") + " (run_id, batch_no, phase, pass, first_id, last_id, first_tid, "
                + "last_tid, rows_read, rows_created, started_at, finished_at) VALUES (?, ?, ?, ?, ?::uuid, ?::uuid, ?::tid, ?::tid, ?, ?, ?, ?)",
                runId, batchNo, phase, pass, tids ? null : first, tids ? null : last, tids ? first : null, tids ? last : null, (int) rows,
                (int) created, Timestamp.from(started), Timestamp.from(finished));
    }

    /** Marks a run failed with a one-line error (it resumes on the next execute). */
    public void markFailed(Connection c, long runId, String error, Instant now) throws SQLException {
        Sql.update(c, "UPDATE " + state.t("sark_migration_runs") + " SET state = 'failed', error = ?, updated_at = ? WHERE id = ?",
                error, Timestamp.from(now), runId);
    }

    /** Rows recorded as migrated of one provenance kind ({@link StateTables#KIND_RESOURCE} or {@link StateTables#KIND_CAPABILITY}). */
    public long migrated(Connection c, int kind) throws SQLException {
        return Sql.queryLong(c, "SELECT count(*) FROM " + state.t("sark_migration_rows") + " WHERE kind = " + kind);
    }

    /** Every run, newest first, with its batch timings. */
    public List<StatusResult.Run> runs(Connection c) throws SQLException {
        List<StatusResult.Run> runs = new ArrayList<>();
        for (Map<String, Object> r : Sql.queryMaps(c, "SELECT r.*, "
                + "(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.finished_at - b.started_at) * 1000) "
                + " FROM " + state.t("sark_migration_batches") + " b WHERE b.run_id = r.id) AS p50, "
                + "(SELECT max(extract(epoch FROM b.finished_at - b.started_at) * 1000) FROM " + state.t("sark_migration_batches")
                + " b WHERE b.run_id = r.id) AS pmax FROM " + state.t("sark_migration_runs") + " r ORDER BY r.id DESC")) {
            runs.add(new StatusResult.Run(num(r, "id").longValue(), RunStatus.parse((String) r.get("state")),
                    MigrationPhase.parse((String) r.get("phase")),
                    (String) r.get("v1_schema"), (String) r.get("shape"), num(r, "batch_size").intValue(),
                    num(r, "servers_total").longValue(), num(r, "tools_total").longValue(),
                    num(r, "batches_done").intValue(), num(r, "resources_created").longValue(),
                    num(r, "capabilities_created").longValue(), num(r, "attempts").intValue(),
                    instant(r.get("started_at")), instant(r.get("updated_at")), instant(r.get("finished_at")),
                    r.get("p50") == null ? 0 : num(r, "p50").doubleValue(),
                    r.get("pmax") == null ? 0 : num(r, "pmax").doubleValue(), (String) r.get("error")));
        }
        return runs;
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse(o.toString());
    }
}
