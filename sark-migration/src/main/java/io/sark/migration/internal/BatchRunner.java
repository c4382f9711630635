package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.MigrationException;
import io.sark.migration.MigrationPhase;
import io.sark.migration.Progress;
import io.sark.migration.ShapeDetection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch loop, shared by execute (commit per batch) and the plan's rehearsal (never commits). Not API.
 *
 * <p>Each phase (servers, then tools) is a <em>page pass</em>: windows of heap pages read in physical order
 * ({@code ctid} range, a Tid Range Scan), at most {@code batchSize} rows per batch, the checkpoint being the
 * next tuple position. The pass covers the pages the table had when the run started. When it ends, the rows
 * read by the phase (over all attempts) are compared with the rows the v1 table has now; if they differ
 * (v1 was written between attempts), a <em>catch-up pass</em> migrates every v1 row without its v2 row
 * (keyset over id, checkpoint {@code last_*_id}). Runs started by a version without page windows
 * ({@code *_pages_per_batch} NULL) resume with keyset batches.
 */
public final class BatchRunner {

    /** The operator's trail: run started or resumed, each committed batch. */
    private static final Logger LOG = LoggerFactory.getLogger("io.sark.migration.V1ToV2Migration");

    private final MigrationSettings settings;
    private final Connection c;
    private final ShapeDetection shape;
    private final boolean rehearsal;
    private final Mapping mapping;
    private final StateTables tables;
    private final RunStore store;
    private final String toolVersion;
    private final long started = System.nanoTime();
    private RunState state;
    private long runId;
    private int batchesNow;
    private long resourcesCreatedNow;
    private long capabilitiesCreatedNow;
    /** rows recorded as skipped (InvalidJson.SKIP): the batches leave them out */
    private boolean skipsJson;
    /** rows and phase of the batch not yet reported to the metrics (reported once committed) */
    private long unreportedRows;
    private String unreportedPhase;

    public BatchRunner(MigrationSettings settings, Connection c, ShapeDetection shape, boolean rehearsal, String toolVersion) throws SQLException {
        this.settings = settings;
        this.c = c;
        this.shape = shape;
        this.rehearsal = rehearsal;
        this.toolVersion = toolVersion;
        this.mapping = new Mapping(settings.v1Schema(), shape, JsonScanner.jsonColumns(c, settings.v1Schema()));
        this.tables = settings.state();
        this.store = new RunStore(tables);
    }

    /** The run's state; null before {@link #run()} started or resumed it. */
    public RunState state() {
        return state;
    }

    /** The run's id; 0 before {@link #run()} found or created it. */
    public long runId() {
        return runId;
    }

    /** Batches this call committed (or rehearsed). */
    public int batchesNow() {
        return batchesNow;
    }

    /** Resources this call created. */
    public long resourcesCreatedNow() {
        return resourcesCreatedNow;
    }

    /** Capabilities this call created. */
    public long capabilitiesCreatedNow() {
        return capabilitiesCreatedNow;
    }

    /** Starts or resumes the run and runs batches until it is done. */
    public void run() throws Exception {
        Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
        state = startOrResume();
        if (!rehearsal) {
            LOG.info(state.resumed() ? "migration run {} resumed in phase {} after {} batches" : "migration run {} started in phase {} ({} batches)",
                    state.runId(), state.phase(), state.batchesDone());
        }
        skipsJson = new JsonOriginals(c, settings.targetSchema()).record(settings.v1Schema(), state.runId(), settings.invalidJson(),
                settings.clock().instant()) > 0;
        if (!rehearsal && !state.resumed()) {
            int dropped = new DeferredIndexes(tables, settings.targetSchema()).deferIfEmpty(c, state.runId(), settings.clock().instant());
            if (dropped > 0) {
                LOG.info("migration run {}: {} secondary indexes of the empty resources and capabilities dropped, built again"
                        + " when the run completes", state.runId(), dropped);
            }
        }
        commit();
        while (!state.done()) {
            Sql.exec(c, "SET LOCAL TimeZone TO 'UTC'");
            batch();
            commit();
        }
    }

    private void commit() throws SQLException {
        if (!rehearsal) {
            c.commit();
            if (unreportedRows > 0) {
                settings.metrics().batch(unreportedPhase, unreportedRows);
            }
        }
        unreportedRows = 0;
    }

    private String v1(String table) {
        return q(settings.v1Schema()) + "." + q(table);
    }

    private RunState startOrResume() throws SQLException {
        Instant now = settings.clock().instant();
        Optional<RunState> open = store.findOpen(c, settings.v1Schema());
        if (open.isPresent()) {
            runId = open.get().runId();
            if (!settings.invalidJson().name().equalsIgnoreCase(open.get().invalidJson())) {
                throw new MigrationException("run " + runId + " was started with --invalid-json=" + open.get().invalidJson()
                        + ": resume it with the same rule (a later run can use another)");
            }
            store.resume(c, runId, now);
            return open.get();
        }
        RunState started = store.start(c, settings.v1Schema(), shape.shape().name(), settings.batchSize(), newTable("mcp_servers"),
                newTable("mcp_tools"), toolVersion, settings.invalidJson(), now);
        runId = started.runId();
        return started;
    }

    private RunState.Table newTable(String table) throws SQLException {
        long rows = Sql.queryLong(c, "SELECT count(*) FROM " + v1(table));
        // heap pages of the v1 table now (its size over the block size)
        long pages = Sql.queryLong(c, "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint", v1(table));
        return new RunState.Table(rows, 0, 0, BatchSql.pagesPerBatch(settings.batchSize(), rows, pages), pages, Tid.START, null);
    }

    /** What one batch statement read: rows, rows created, first and last key (tid or uuid text). */
    private record Read(long rows, long created, String first, String last) {
    }

    private void batch() throws Exception {
        boolean servers = state.serversPhase();
        String phase = state.phase();
        int batchSize = settings.batchSize();
        RunState.Table table = state.table(servers);
        Instant batchStart = settings.clock().instant();
        int batchNo = state.batchesDone() + 1;
        Read read;
        boolean passDone;
        String pass;
        if (table.pagesPerBatch() > 0 && !state.catchUp()) {
            pass = "pages";
            Tid from = table.next();
            // one page of slack: a window that starts in the middle of a page still holds about batchSize rows
            long to = Math.min(table.endPage(), from.page() + table.pagesPerBatch() + 1);
            read = write(servers, BatchSql.pageWindowSelect(mapping, servers, from, to, batchSize),
                    BatchSql.pageWindowKeys(mapping, servers, from, to, batchSize), batchNo);
            table = table.withNext(read.rows() == batchSize ? Tid.parse(read.last()).next() : new Tid(to, 0));
            passDone = read.rows() < batchSize && to >= table.endPage();
        } else {
            pass = state.catchUp() ? "catch_up" : "keys";
            read = write(servers, BatchSql.keysetSelect(mapping, tables, servers, state.catchUp(), table.lastId(), batchSize), null, batchNo);
            if (read.rows() > 0) {
                table = table.withLastId(UUID.fromString(read.last()));
            }
            passDone = read.rows() < batchSize;
        }
        if (read.rows() > 0) {
            table = table.afterBatch(read.rows(), read.created());
            if (servers) {
                resourcesCreatedNow += read.created();
            } else {
                capabilitiesCreatedNow += read.created();
            }
            batchesNow++;
            unreportedRows = read.rows();
            unreportedPhase = MigrationPhase.parse(phase).toString();
            state = state.withBatchesDone(batchNo);
            store.recordBatch(c, state.runId(), batchNo, phase, pass, read.first(), read.last(), read.rows(), read.created(),
                    batchStart, settings.clock().instant());
        }
        state = state.with(servers, table);
        if (passDone) {
            state = endOfPass(servers);
        }
        store.save(c, state, settings.clock().instant());
        if (read.rows() > 0 && settings.batchHook() != null) {
            settings.batchHook().afterWrite(state.runId(), phase, batchNo);
        }
        if (read.rows() > 0 && !rehearsal && LOG.isInfoEnabled()) {
            RunState.Table now = state.table(servers);
            LOG.info("migration run {} batch {} ({}): {} rows read, {}/{} done", state.runId(), batchNo, phase, read.rows(), now.read(), now.total());
        }
        if (read.rows() > 0 && settings.progress() != null && !rehearsal) {
            commit();
            RunState.Table now = state.table(servers);
            settings.progress().onBatch(new Progress(state.runId(), MigrationPhase.parse(phase), batchNo, now.read(), now.total(),
                    (System.nanoTime() - started) / 1_000_000));
        }
    }

    /**
     * A pass of the current phase read its last batch. After the page pass (or a keyset run's pass): if v1 now
     * has a different number of rows than the phase read, v1 was written meanwhile, and the catch-up pass
     * follows; otherwise, and after the catch-up pass, the next phase.
     */
    private RunState endOfPass(boolean servers) throws SQLException {
        if (!state.catchUp()) {
            long now = Sql.queryLong(c, "SELECT count(*) FROM " + v1(servers ? "mcp_servers" : "mcp_tools"));
            RunState.Table table = state.table(servers);
            if (now != table.read()) {
                return state.withCatchUp(true).with(servers, table.restartCatchUp(now));
            }
        }
        return state.withCatchUp(false).withPhase(servers ? RunState.TOOLS_PHASE : RunState.DONE);
    }

    private Read write(boolean servers, String select, String windowKeys, int batchNo) throws SQLException {
        String sql = BatchSql.batchStatement(tables, servers, select, windowKeys, skipsJson ? new JsonOriginals(c, settings.targetSchema())
                .notSkipped(servers ? StateTables.KIND_RESOURCE : StateTables.KIND_CAPABILITY, "src.v1_id") : null);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, state.runId());
            ps.setInt(2, batchNo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Read(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
            }
        }
    }
}
