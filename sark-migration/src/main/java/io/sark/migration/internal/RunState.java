package io.sark.migration.internal;

import java.util.UUID;

/**
 * The checkpoint of one migration run, as stored in {@code sark_migration_runs}: the phase ({@code resources},
 * {@code capabilities}, {@code done}), the batches committed, whether the catch-up pass runs, and per v1 table
 * what was read and where to go on; {@code invalidJson} is the run's rule as stored (lowercase). Immutable: the runner replaces it after each batch. Not API.
 */
public record RunState(long runId, boolean resumed, String invalidJson, String phase, int batchesDone, boolean catchUp, Table servers,
                       Table tools) {

    /** The phase reading {@code mcp_servers}. */
    public static final String SERVERS_PHASE = "resources";
    /** The phase reading {@code mcp_tools}. */
    public static final String TOOLS_PHASE = "capabilities";
    /** The run has read everything. */
    public static final String DONE = "done";

    /**
     * Where a run is in one v1 table.
     *
     * @param total          rows of the v1 table (when the run started, or when its catch-up began)
     * @param created        v2 rows created from it, over all attempts
     * @param skipped        rows read whose v2 row existed already
     * @param pagesPerBatch  heap pages per window (0: a keyset run started before page windows)
     * @param endPage        pages the table had when the run started (the end of the page pass)
     * @param next           the page pass checkpoint: the next tuple position
     * @param lastId         the keyset checkpoint (keyset runs and the catch-up pass), or null
     */
    public record Table(long total, long created, long skipped, int pagesPerBatch, long endPage, Tid next, UUID lastId) {

        /** Rows read so far. */
        public long read() {
            return created + skipped;
        }

        Table afterBatch(long rows, long createdNow) {
            return new Table(total, created + createdNow, skipped + rows - createdNow, pagesPerBatch, endPage, next, lastId);
        }

        Table withNext(Tid position) {
            return new Table(total, created, skipped, pagesPerBatch, endPage, position, lastId);
        }

        Table withLastId(UUID id) {
            return new Table(total, created, skipped, pagesPerBatch, endPage, next, id);
        }

        Table restartCatchUp(long totalNow) {
            return new Table(totalNow, created, skipped, pagesPerBatch, endPage, next, null);
        }
    }

    /** Whether the run reads {@code mcp_servers} now. */
    public boolean serversPhase() {
        return SERVERS_PHASE.equals(phase);
    }

    /** Whether the run has read everything. */
    public boolean done() {
        return DONE.equals(phase);
    }

    /** The servers' or the tools' table state. */
    public Table table(boolean ofServers) {
        return ofServers ? servers : tools;
    }

    RunState with(boolean ofServers, Table table) {
        return ofServers ? new RunState(runId, resumed, invalidJson, phase, batchesDone, catchUp, table, tools)
                : new RunState(runId, resumed, invalidJson, phase, batchesDone, catchUp, servers, table);
    }

    RunState withBatchesDone(int batches) {
        return new RunState(runId, resumed, invalidJson, phase, batches, catchUp, servers, tools);
    }

    RunState withCatchUp(boolean on) {
        return new RunState(runId, resumed, invalidJson, phase, batchesDone, on, servers, tools);
    }

    RunState withPhase(String next) {
        return new RunState(runId, resumed, invalidJson, next, batchesDone, catchUp, servers, tools);
    }
}
