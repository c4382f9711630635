-- Page-window batches (docs/decisions/007-page-window-batches.md): execute reads the v1 tables in physical
-- order, one window of heap pages per batch, and checkpoints the next tuple position (a tid) per table.
-- Runs started before this version have NULL *_pages_per_batch and resume with their keyset checkpoint
-- (last_server_id / last_tool_id), which the catch-up pass also uses.

ALTER TABLE sark_migration_runs
    ADD COLUMN server_pages_per_batch INTEGER,
    ADD COLUMN tool_pages_per_batch   INTEGER,
    ADD COLUMN server_end_page        BIGINT,
    ADD COLUMN tool_end_page          BIGINT,
    ADD COLUMN next_server_tid        TID,
    ADD COLUMN next_tool_tid          TID,
    ADD COLUMN catch_up               BOOLEAN NOT NULL DEFAULT false;

COMMENT ON COLUMN sark_migration_runs.server_pages_per_batch IS
    'heap pages of mcp_servers per window (about batch_size rows); NULL: run started with keyset batches';
COMMENT ON COLUMN sark_migration_runs.server_end_page IS 'mcp_servers pages when the run started; the page pass reads [0, end)';
COMMENT ON COLUMN sark_migration_runs.next_server_tid IS 'checkpoint: first mcp_servers tuple position not yet read';
COMMENT ON COLUMN sark_migration_runs.catch_up IS
    'the current phase is in its catch-up pass (v1 rows without a v2 row, keyset over id, checkpoint last_*_id)';

-- pass: pages | keys (keyset run started before V2) | catch_up; first_tid/last_tid: the v1 tuples read by a
-- page batch (first_id/last_id stay NULL for page batches; keyset and catch-up batches fill them as before).
ALTER TABLE sark_migration_batches
    ADD COLUMN pass      VARCHAR(10) NOT NULL DEFAULT 'keys',
    ADD COLUMN first_tid TID,
    ADD COLUMN last_tid  TID,
    ADD CONSTRAINT ck_sark_migration_batches_pass CHECK (pass IN ('pages', 'keys', 'catch_up'));
