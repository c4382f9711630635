-- State of the v1 -> v2 data movement (sark-migration), kept apart from the SARK schema's V1-V7:
-- its own Flyway location and history table (sark_migration_history), in the target schema.
-- See docs/decisions/005-migration-state-tables.md.

CREATE TABLE sark_migration_runs (
    id                   BIGINT       GENERATED ALWAYS AS IDENTITY,
    state                VARCHAR(20)  NOT NULL,
    phase                VARCHAR(20)  NOT NULL,
    v1_schema            VARCHAR(63)  NOT NULL,
    shape                VARCHAR(20)  NOT NULL,
    batch_size           INTEGER      NOT NULL,
    servers_total        BIGINT       NOT NULL,
    tools_total          BIGINT       NOT NULL,
    last_server_id       UUID,
    last_tool_id         UUID,
    batches_done         INTEGER      NOT NULL DEFAULT 0,
    resources_created    BIGINT       NOT NULL DEFAULT 0,
    capabilities_created BIGINT       NOT NULL DEFAULT 0,
    resources_skipped    BIGINT       NOT NULL DEFAULT 0,
    capabilities_skipped BIGINT       NOT NULL DEFAULT 0,
    attempts             INTEGER      NOT NULL DEFAULT 1,
    started_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    finished_at          TIMESTAMPTZ,
    error                TEXT,
    tool_version         VARCHAR(50)  NOT NULL,
    CONSTRAINT sark_migration_runs_pkey PRIMARY KEY (id),
    CONSTRAINT ck_sark_migration_runs_state CHECK (state IN ('running', 'completed', 'failed', 'rolled_back')),
    CONSTRAINT ck_sark_migration_runs_phase CHECK (phase IN ('resources', 'capabilities', 'done'))
);

-- One row per committed batch, written in the batch's own transaction (the checkpoint).
CREATE TABLE sark_migration_batches (
    run_id       BIGINT      NOT NULL,
    batch_no     INTEGER     NOT NULL,
    phase        VARCHAR(20) NOT NULL,
    first_id     UUID,
    last_id      UUID,
    rows_read    INTEGER     NOT NULL,
    rows_created INTEGER     NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT sark_migration_batches_pkey PRIMARY KEY (run_id, batch_no),
    CONSTRAINT sark_migration_batches_run_fkey FOREIGN KEY (run_id) REFERENCES sark_migration_runs (id) ON DELETE CASCADE
);

-- Provenance: every resources/capabilities row a run created (kind 1 = resource, 2 = capability; id is the
-- v2 id, which is the v1 UUID). Rollback deletes exactly these rows. No FK to the runs (one check per row
-- would cost more than the row itself); the run id is informative.
CREATE TABLE sark_migration_rows (
    kind     SMALLINT NOT NULL,
    id       UUID     NOT NULL,
    run_id   BIGINT   NOT NULL,
    batch_no INTEGER  NOT NULL,
    CONSTRAINT sark_migration_rows_pkey PRIMARY KEY (kind, id),
    CONSTRAINT ck_sark_migration_rows_kind CHECK (kind IN (1, 2))
);
