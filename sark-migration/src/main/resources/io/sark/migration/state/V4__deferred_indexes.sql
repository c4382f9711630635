-- secondary indexes of resources and capabilities that execute dropped because it started on empty tables, with
-- their definitions: execute re-creates them when the run completes (building an index once is cheaper than
-- maintaining it row by row), rollback before it deletes anything. One row per index, deleted in the transaction
-- that re-creates it, so that a run killed at any point leaves either the index or its row.

CREATE TABLE sark_migration_deferred_indexes (
    index_name  VARCHAR(63) NOT NULL,
    definition  TEXT        NOT NULL,
    run_id      BIGINT      NOT NULL,
    deferred_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT sark_migration_deferred_indexes_pkey PRIMARY KEY (index_name)
);
