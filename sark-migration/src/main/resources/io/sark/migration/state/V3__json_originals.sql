-- v1 json values that jsonb cannot hold as they are (a NUL escape, a key twice): what execute did with each and
-- the original json text, byte for byte, so that nothing is lost (docs/migration-runbook.md, "JSON that jsonb
-- cannot hold"; docs/decisions/008-json-jsonb-cannot-hold.md). kind as in sark_migration_rows.

CREATE TABLE sark_migration_json (
    kind        SMALLINT    NOT NULL,
    v1_id       UUID        NOT NULL,
    column_name VARCHAR(63) NOT NULL,
    problems    VARCHAR(30) NOT NULL,
    action      VARCHAR(10) NOT NULL,
    reason      TEXT        NOT NULL,
    original    TEXT        NOT NULL,
    run_id      BIGINT      NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT sark_migration_json_pkey PRIMARY KEY (kind, v1_id, column_name),
    CONSTRAINT ck_sark_migration_json_kind CHECK (kind IN (1, 2)),
    CONSTRAINT ck_sark_migration_json_action CHECK (action IN ('migrated', 'skipped'))
);

-- the rule a run was started with (InvalidJson); a run resumes only with the same rule
ALTER TABLE sark_migration_runs ADD COLUMN invalid_json VARCHAR(10) NOT NULL DEFAULT 'escape';
