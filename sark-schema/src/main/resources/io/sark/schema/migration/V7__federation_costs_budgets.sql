-- SARK v2.0 federation, cost ledger, budgets and audit columns
-- (reference: alembic/versions/007_add_federation_support.py), following
-- shared/design/scale-out-rules.md so that the same file serves plain PostgreSQL, TimescaleDB and Citus.
--
-- Deviations from the reference, each recorded in docs/schema.md:
--  * E2: every money column is NUMERIC(18,8) (reference: costs NUMERIC(10,4), budgets NUMERIC(10,2)).
--  * D5: audit_events, gateway_audit_events and cost_tracking get primary keys containing "timestamp";
--    cost_tracking's key leads with principal_id; hypertable conversion happens after that, here.
--  * D6: ix_principal_budgets_principal (duplicate of the PK) and ix_cost_tracking_principal (duplicate
--    of the PK's leading column) are not created; the unique constraint of federation_nodes.node_id is
--    the only unique structure on that column.
--  * D7: the daily view has a unique index, counts COALESCE(actual_cost, estimated_cost) like the summary
--    query (E8), groups by the UTC day whatever the session TimeZone and never yields a NULL group key.
--  * D9: api_keys and gateway_audit_events timestamps become TIMESTAMPTZ (existing values read as UTC).
--  * New: cost_tracking.currency / idempotency_key, cost_idempotency, budget_reservations and the
--    reserved counters of principal_budgets (issue: atomic budgets), federation_nodes.trust_anchor_sha256,
--    append-only audit tables with an explicit retention purge.

-- ---------------------------------------------------------------------------------------------------
-- Federation
CREATE TABLE IF NOT EXISTS federation_nodes (
    id                  UUID         NOT NULL,
    node_id             VARCHAR(255) NOT NULL,
    name                VARCHAR(255) NOT NULL,
    endpoint            VARCHAR(500) NOT NULL,
    trust_anchor_cert   TEXT         NOT NULL,
    trust_anchor_sha256 VARCHAR(64)  GENERATED ALWAYS AS (
        encode(sha256(decode(regexp_replace(trust_anchor_cert, '-----[A-Z0-9 ]+-----|[[:space:]]', '', 'g'), 'base64')), 'hex')
    ) STORED,
    enabled             BOOLEAN      NOT NULL DEFAULT true,
    trusted_since       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    rate_limit_per_hour INTEGER               DEFAULT 10000,
    metadata            JSONB        NOT NULL DEFAULT '{}',
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT federation_nodes_pkey PRIMARY KEY (id),
    CONSTRAINT ix_federation_nodes_node_id UNIQUE (node_id),
    CONSTRAINT ck_federation_nodes_rate_limit CHECK (rate_limit_per_hour IS NULL OR rate_limit_per_hour >= 0),
    CONSTRAINT ck_federation_nodes_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX IF NOT EXISTS ix_federation_nodes_enabled ON federation_nodes (enabled) WHERE enabled = true;
CREATE INDEX IF NOT EXISTS ix_federation_nodes_trust_anchor_sha256 ON federation_nodes (trust_anchor_sha256);

-- ---------------------------------------------------------------------------------------------------
-- Budgets (per principal; principal_id is VARCHAR(255) and first in every key, rule 4)
CREATE TABLE IF NOT EXISTS principal_budgets (
    principal_id       VARCHAR(255)  NOT NULL,
    daily_budget       NUMERIC(18,8),
    monthly_budget     NUMERIC(18,8),
    daily_spent        NUMERIC(18,8) NOT NULL DEFAULT 0,
    monthly_spent      NUMERIC(18,8) NOT NULL DEFAULT 0,
    daily_reserved     NUMERIC(18,8) NOT NULL DEFAULT 0,
    monthly_reserved   NUMERIC(18,8) NOT NULL DEFAULT 0,
    last_daily_reset   TIMESTAMPTZ,
    last_monthly_reset TIMESTAMPTZ,
    currency           VARCHAR(3)    NOT NULL DEFAULT 'USD',
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT principal_budgets_pkey PRIMARY KEY (principal_id),
    CONSTRAINT ck_principal_budgets_daily_budget CHECK (daily_budget IS NULL OR daily_budget >= 0),
    CONSTRAINT ck_principal_budgets_monthly_budget CHECK (monthly_budget IS NULL OR monthly_budget >= 0),
    CONSTRAINT ck_principal_budgets_spent CHECK (daily_spent >= 0 AND monthly_spent >= 0),
    CONSTRAINT ck_principal_budgets_reserved CHECK (daily_reserved >= 0 AND monthly_reserved >= 0),
    CONSTRAINT ck_principal_budgets_currency CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE TABLE IF NOT EXISTS budget_reservations (
    principal_id VARCHAR(255)  NOT NULL,
    id           BIGINT        GENERATED ALWAYS AS IDENTITY,
    amount       NUMERIC(18,8) NOT NULL,
    currency     VARCHAR(3)    NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ   NOT NULL,
    metadata     JSONB         NOT NULL DEFAULT '{}',
    CONSTRAINT budget_reservations_pkey PRIMARY KEY (principal_id, id),
    CONSTRAINT ck_budget_reservations_amount CHECK (amount > 0),
    CONSTRAINT ck_budget_reservations_currency CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX IF NOT EXISTS ix_budget_reservations_expires_at ON budget_reservations (expires_at);

-- ---------------------------------------------------------------------------------------------------
-- Cost ledger (rules 1, 2, 6, 7)
CREATE TABLE IF NOT EXISTS cost_tracking (
    id              BIGINT        GENERATED ALWAYS AS IDENTITY,
    "timestamp"     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    principal_id    VARCHAR(255)  NOT NULL,
    resource_id     VARCHAR(255)  NOT NULL,
    capability_id   VARCHAR(255)  NOT NULL,
    estimated_cost  NUMERIC(18,8),
    actual_cost     NUMERIC(18,8),
    currency        VARCHAR(3)    NOT NULL DEFAULT 'USD',
    idempotency_key VARCHAR(255),
    metadata        JSONB         NOT NULL DEFAULT '{}',
    CONSTRAINT cost_tracking_pkey PRIMARY KEY (principal_id, "timestamp", id),
    CONSTRAINT ck_cost_tracking_estimated_cost CHECK (estimated_cost IS NULL OR estimated_cost >= 0),
    CONSTRAINT ck_cost_tracking_actual_cost CHECK (actual_cost IS NULL OR actual_cost >= 0),
    CONSTRAINT ck_cost_tracking_has_cost CHECK (estimated_cost IS NOT NULL OR actual_cost IS NOT NULL),
    CONSTRAINT ck_cost_tracking_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT ck_cost_tracking_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX IF NOT EXISTS ix_cost_tracking_timestamp ON cost_tracking ("timestamp");
CREATE INDEX IF NOT EXISTS ix_cost_tracking_resource ON cost_tracking (resource_id, "timestamp");
CREATE INDEX IF NOT EXISTS ix_cost_tracking_capability ON cost_tracking (capability_id, "timestamp");

-- A retried record can carry another timestamp, so idempotency lives in its own table (rule 2): insert the
-- key row and the cost row in one transaction, the cost row only when the key row was new.
CREATE TABLE IF NOT EXISTS cost_idempotency (
    principal_id    VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    cost_id         BIGINT,
    cost_timestamp  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT cost_idempotency_pkey PRIMARY KEY (principal_id, idempotency_key)
);

-- ---------------------------------------------------------------------------------------------------
-- Audit: federation columns (reference 007), TimescaleDB-compatible keys (D5), time zones (D9)
ALTER TABLE audit_events
    ADD COLUMN IF NOT EXISTS principal_org     VARCHAR(255),
    ADD COLUMN IF NOT EXISTS resource_protocol VARCHAR(50),
    ADD COLUMN IF NOT EXISTS capability_id     VARCHAR(255),
    ADD COLUMN IF NOT EXISTS correlation_id    VARCHAR(100),
    ADD COLUMN IF NOT EXISTS source_node       VARCHAR(255),
    ADD COLUMN IF NOT EXISTS target_node       VARCHAR(255),
    ADD COLUMN IF NOT EXISTS estimated_cost    NUMERIC(18,8),
    ADD COLUMN IF NOT EXISTS actual_cost       NUMERIC(18,8);
ALTER TABLE audit_events
    ADD CONSTRAINT ck_audit_events_costs CHECK ((estimated_cost IS NULL OR estimated_cost >= 0)
                                                AND (actual_cost IS NULL OR actual_cost >= 0));
CREATE INDEX IF NOT EXISTS ix_audit_events_principal_org ON audit_events (principal_org, "timestamp");
CREATE INDEX IF NOT EXISTS ix_audit_events_capability ON audit_events (capability_id, "timestamp");
CREATE INDEX IF NOT EXISTS ix_audit_events_correlation ON audit_events (correlation_id, "timestamp");
CREATE INDEX IF NOT EXISTS ix_audit_events_source_node ON audit_events (source_node, "timestamp");
CREATE INDEX IF NOT EXISTS ix_audit_events_target_node ON audit_events (target_node, "timestamp");
ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey,
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id, "timestamp");

ALTER TABLE gateway_audit_events
    ALTER COLUMN "timestamp" TYPE TIMESTAMPTZ USING "timestamp" AT TIME ZONE 'UTC',
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC';
ALTER TABLE gateway_audit_events DROP CONSTRAINT gateway_audit_events_pkey,
    ADD CONSTRAINT gateway_audit_events_pkey PRIMARY KEY (id, "timestamp");

ALTER TABLE api_keys
    ALTER COLUMN expires_at TYPE TIMESTAMPTZ USING expires_at AT TIME ZONE 'UTC',
    ALTER COLUMN last_used_at TYPE TIMESTAMPTZ USING last_used_at AT TIME ZONE 'UTC',
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC',
    ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at AT TIME ZONE 'UTC',
    ALTER COLUMN revoked_at TYPE TIMESTAMPTZ USING revoked_at AT TIME ZONE 'UTC';

-- New audit event types (PostgreSQL >= 12 allows ADD VALUE inside the migration's transaction).
ALTER TYPE auditeventtype ADD VALUE IF NOT EXISTS 'cross_org_request';
ALTER TYPE auditeventtype ADD VALUE IF NOT EXISTS 'cross_org_authorization';
ALTER TYPE auditeventtype ADD VALUE IF NOT EXISTS 'cost_limit_exceeded';
ALTER TYPE auditeventtype ADD VALUE IF NOT EXISTS 'federation_node_trusted';
ALTER TYPE auditeventtype ADD VALUE IF NOT EXISTS 'federation_node_revoked';

-- Audit rows are append-only (docs/schema.md, "Audit trail"). A row can be deleted only
--   * by the retention purge below, which marks its own transaction while it deletes;
--   * as the table's owner: the purge is SECURITY DEFINER, so it runs as the owner, and a role that is not the
--     owner cannot delete whatever it sets in its session (the mark alone opens nothing); and
--   * when it is older than the minimum retention the SDK enforces (sark_audit_minimum_retention()).
-- UPDATE and TRUNCATE are always refused. The triggers fire in replica mode too (ENABLE ALWAYS). This guards
-- against mistakes and against application roles, not against the owner or a superuser (who can drop triggers).
CREATE OR REPLACE FUNCTION sark_audit_minimum_retention() RETURNS interval
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT interval '1 day' $$;

CREATE OR REPLACE FUNCTION sark_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('sark.audit_retention_purge', true) = 'on'
       AND current_user = (SELECT r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = TG_RELID)
       AND OLD."timestamp" < now() - sark_audit_minimum_retention() THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'SARK % rows are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'SK001', HINT = 'Delete rows older than the minimum retention with the retention purge (sark_purge_audit_events).';
END
$$;

DROP FUNCTION IF EXISTS sark_purge_audit_events(regclass, timestamptz);
CREATE FUNCTION sark_purge_audit_events(audit_table regclass, cutoff timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    purged bigint;
BEGIN
    IF cutoff IS NULL THEN
        RAISE EXCEPTION 'cutoff must not be NULL' USING ERRCODE = '22004';
    END IF;
    IF audit_table NOT IN ('audit_events'::regclass, 'gateway_audit_events'::regclass) THEN
        RAISE EXCEPTION '% is not a SARK audit table', audit_table USING ERRCODE = '22023';
    END IF;
    IF cutoff > now() - sark_audit_minimum_retention() THEN
        RAISE EXCEPTION 'cutoff % is within the minimum audit retention of %', cutoff, sark_audit_minimum_retention()
            USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        -- the mark must reach the workers, where the shards' triggers run; Citus carries SET LOCAL there only
        -- inside a transaction block (BEGIN ... COMMIT), which is how the DAO calls this function
        PERFORM set_config('citus.propagate_set_commands', 'local', true);
    END IF;
    EXECUTE 'SET LOCAL sark.audit_retention_purge = ''on''';
    EXECUTE format('DELETE FROM %s WHERE "timestamp" < $1', audit_table) USING cutoff;
    GET DIAGNOSTICS purged = ROW_COUNT;
    EXECUTE 'SET LOCAL sark.audit_retention_purge = ''off''';
    RETURN purged;
END
$$;

-- ---------------------------------------------------------------------------------------------------
-- Optional scale-out step (rules 5, 10, 12), as a function so that an operator who adds TimescaleDB or Citus
-- to an existing SARK database later runs the same conversion: SELECT sark_scale_out(). The append-only
-- triggers are (re)created after the conversion: TimescaleDB's migrate_data truncates the parent table, and
-- Citus distributes tables with triggers only under citus.enable_unsafe_triggers (set here for this
-- transaction only; the trigger function is safe on shards: it reads only the catalog).
CREATE OR REPLACE FUNCTION sark_scale_out() RETURNS text
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    ext_schema text;
    sch        text := current_schema();
    tbl        text;
    is_ref     boolean;
    is_dist    boolean;
    engine     text := 'postgresql';
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        -- for this transaction only: dropping and creating triggers on distributed tables needs it
        PERFORM set_config('citus.enable_unsafe_triggers', 'on', true);
    END IF;
    FOREACH tbl IN ARRAY ARRAY['audit_events', 'gateway_audit_events'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I.%I', 'tr_' || tbl || '_append_only', sch, tbl);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I.%I', 'tr_' || tbl || '_no_truncate', sch, tbl);
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
            RAISE EXCEPTION 'SARK supports TimescaleDB or Citus in one database, not both';
        END IF;
        engine := 'timescaledb';
        SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'timescaledb';
        FOREACH tbl IN ARRAY ARRAY['audit_events', 'gateway_audit_events', 'cost_tracking'] LOOP
            EXECUTE format('SELECT %I.create_hypertable(%L::regclass, %L, if_not_exists => TRUE, migrate_data => TRUE)',
                           ext_schema, format('%I.%I', sch, tbl), 'timestamp');
        END LOOP;
        RAISE NOTICE 'SARK: audit_events, gateway_audit_events and cost_tracking are TimescaleDB hypertables';
    ELSIF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        engine := 'citus';
        SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'citus';
        -- catalogue: reference tables, referenced table first. Making resources a reference table pulls
        -- capabilities into Citus' metadata as a local table (through its FK): only a reference table counts.
        FOREACH tbl IN ARRAY ARRAY['resources', 'capabilities', 'federation_nodes'] LOOP
            EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = $1::regclass'
                    || ' AND partmethod = ''n'' AND repmodel = ''t'')'
                INTO is_ref USING format('%I.%I', sch, tbl);
            IF NOT is_ref THEN
                EXECUTE format('SELECT %I.create_reference_table(%L)', ext_schema, format('%I.%I', sch, tbl));
            END IF;
        END LOOP;
        -- per-principal tables, co-located on principal_id; audit distributed by id (rule 3), never reference
        FOREACH tbl IN ARRAY ARRAY['principal_budgets', 'budget_reservations', 'cost_idempotency', 'cost_tracking',
                                   'audit_events', 'gateway_audit_events'] LOOP
            EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = $1::regclass'
                    || ' AND partmethod = ''h'')'
                INTO is_dist USING format('%I.%I', sch, tbl);
            IF NOT is_dist AND tbl IN ('audit_events', 'gateway_audit_events') THEN
                EXECUTE format('SELECT %I.create_distributed_table(%L, %L)', ext_schema, format('%I.%I', sch, tbl), 'id');
            ELSIF NOT is_dist THEN
                EXECUTE format('SELECT %I.create_distributed_table(%L, %L, colocate_with => %L)', ext_schema,
                               format('%I.%I', sch, tbl), 'principal_id',
                               CASE WHEN tbl = 'principal_budgets' THEN 'default' ELSE format('%I.%I', sch, 'principal_budgets') END);
            END IF;
        END LOOP;
        RAISE NOTICE 'SARK: catalogue tables are Citus reference tables, ledger and budgets are distributed by principal_id';
    END IF;
    FOREACH tbl IN ARRAY ARRAY['audit_events', 'gateway_audit_events'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I.%I FOR EACH ROW EXECUTE FUNCTION %I.sark_audit_append_only()',
                       'tr_' || tbl || '_append_only', sch, tbl, sch);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I.%I FOR EACH STATEMENT EXECUTE FUNCTION %I.sark_audit_append_only()',
                       'tr_' || tbl || '_no_truncate', sch, tbl, sch);
        EXECUTE format('ALTER TABLE %I.%I ENABLE ALWAYS TRIGGER %I', sch, tbl, 'tr_' || tbl || '_append_only');
        EXECUTE format('ALTER TABLE %I.%I ENABLE ALWAYS TRIGGER %I', sch, tbl, 'tr_' || tbl || '_no_truncate');
    END LOOP;
    RETURN engine;
END
$$;

SELECT sark_scale_out();

-- FKs of the per-principal tables, added after the optional distribution step (rule 6). No FK points into
-- cost_tracking or the audit tables. cost_tracking has no FK to capabilities on purpose: the ledger keeps
-- its history when catalogue entries are deleted (docs/decisions/004-ledger-outlives-catalogue.md).
ALTER TABLE cost_tracking DROP CONSTRAINT IF EXISTS cost_tracking_principal_id_fkey;
ALTER TABLE cost_tracking ADD CONSTRAINT cost_tracking_principal_id_fkey
    FOREIGN KEY (principal_id) REFERENCES principal_budgets (principal_id);
ALTER TABLE budget_reservations DROP CONSTRAINT IF EXISTS budget_reservations_principal_id_fkey;
ALTER TABLE budget_reservations ADD CONSTRAINT budget_reservations_principal_id_fkey
    FOREIGN KEY (principal_id) REFERENCES principal_budgets (principal_id) ON DELETE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Daily cost summary (rule 8, D7, E8)
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_daily_cost_summary AS
SELECT (ct."timestamp" AT TIME ZONE 'UTC')::date                 AS date,
       ct.principal_id                                          AS principal_id,
       COALESCE(r.protocol, 'unknown')::varchar(50)             AS protocol,
       ct.currency                                              AS currency,
       count(*)                                                 AS invocation_count,
       sum(COALESCE(ct.actual_cost, ct.estimated_cost))         AS total_cost,
       avg(COALESCE(ct.actual_cost, ct.estimated_cost))         AS avg_cost,
       min(COALESCE(ct.actual_cost, ct.estimated_cost))         AS min_cost,
       max(COALESCE(ct.actual_cost, ct.estimated_cost))         AS max_cost
FROM cost_tracking ct
LEFT JOIN capabilities c ON c.id = ct.capability_id
LEFT JOIN resources r ON r.id = c.resource_id
GROUP BY 1, 2, 3, 4;
CREATE UNIQUE INDEX IF NOT EXISTS ix_mv_daily_cost_summary_date
    ON mv_daily_cost_summary (date, principal_id, protocol, currency);
CREATE INDEX IF NOT EXISTS ix_mv_daily_cost_summary_principal ON mv_daily_cost_summary (principal_id, date);

-- ---------------------------------------------------------------------------------------------------
-- Policies: at most one active version per policy (the reference only hoped for it). On an adopted
-- database that broke the rule, the version the policy points at (else the highest active one) stays
-- active and the others are deactivated, so that the index can be built.
UPDATE policy_versions v SET is_active = false
WHERE v.is_active
  AND v.id <> COALESCE(
        (SELECT p.current_version_id FROM policies p
         JOIN policy_versions cur ON cur.id = p.current_version_id AND cur.is_active
         WHERE p.id = v.policy_id),
        (SELECT a.id FROM policy_versions a WHERE a.policy_id = v.policy_id AND a.is_active
         ORDER BY a.version DESC LIMIT 1));
CREATE UNIQUE INDEX IF NOT EXISTS ix_policy_versions_one_active ON policy_versions (policy_id) WHERE is_active;
