-- SARK v2.0 catalogue read paths: maintained counts of resources and capabilities per protocol (reference §5
-- pattern 6) without reading the whole catalogue on every call, and covering indexes for pattern 7. Not in the
-- reference; recorded in docs/schema.md ("Catalogue counts").
--
-- Design:
--  * catalogue_counts holds signed delta rows (protocol, resources, capabilities); the count of a protocol is
--    the sum of its rows. Writers only INSERT delta rows, so concurrent catalogue writers never wait for each
--    other on a counter row and cannot deadlock on one (a single counter row per protocol would serialise
--    every capability insert of that protocol).
--  * Statement-level triggers with transition tables turn each INSERT/UPDATE/DELETE statement on resources
--    or capabilities into at most one delta row per protocol, so a bulk INSERT ... SELECT (sark-migration)
--    costs one aggregate over its own rows, not a trigger call per row.
--  * Now and then (about one statement in 32, READ COMMITTED only) a trigger folds the rows nobody else is
--    folding (FOR UPDATE SKIP LOCKED) into one row per protocol, so the table stays a few dozen rows.
--  * A capability is counted under its resource's protocol as of its own statement; the trigger locks the
--    resources it counts FOR NO KEY UPDATE, which conflicts with a concurrent protocol change, so a change and
--    a capability write on the same resource are ordered and the change moves exactly the capabilities it
--    can see (READ COMMITTED: each trigger query sees what committed before it). Capability writes of one
--    resource therefore wait for each other; writes of different resources do not.
--  * Deleting a resource is counted by a row-level BEFORE DELETE trigger (the resource row is locked then),
--    together with its capabilities: the ON DELETE CASCADE that follows deletes them after the resource row is
--    gone, when their protocol can no longer be looked up, so the capabilities trigger skips such rows.
--  * TRUNCATE of either table zeroes its counts.
--  * sark_catalogue_counts_rebuild() recomputes everything from the tables (used below for existing rows, and
--    by an operator after disabling the triggers, e.g. a restore with session_replication_role = replica).
--  * Citus: resources, capabilities and catalogue_counts are reference tables, and the triggers fire on each
--    placement (shard) of resources/capabilities. There they must not run distributed statements, so every
--    trigger statement names the local placements (<table>_<shardid>) found in pg_dist_shard: each placement
--    of catalogue_counts is kept by the triggers of the placements beside it, and all placements see the same
--    writes, so each one sums to the same counts.

-- Citus: DDL on the distributed audit tables (sark_scale_out() below re-creates their triggers) followed by DDL on
-- the reference tables in one transaction needs one connection per node (citus.multi_shard_modify_mode), for this
-- transaction only.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
    END IF;
END
$$;

-- Pattern 7 (capabilities across protocols, by name): the walk of ix_capabilities_name in name order reads the
-- capability's resource and sensitivity from the index instead of the heap (the key gains id, the listing's
-- tie-break), and the probe of the resource's protocol is an index-only scan of ix_resources_id_protocol.
DROP INDEX IF EXISTS ix_capabilities_name;
CREATE INDEX IF NOT EXISTS ix_capabilities_name ON capabilities (name, id) INCLUDE (resource_id, sensitivity_level);
CREATE INDEX IF NOT EXISTS ix_resources_id_protocol ON resources (id) INCLUDE (protocol);

CREATE TABLE IF NOT EXISTS catalogue_counts (
    protocol     VARCHAR(50) NOT NULL,
    resources    BIGINT      NOT NULL,
    capabilities BIGINT      NOT NULL
);

-- The relation that holds `tbl` beside the trigger's table: the table itself, or on a Citus placement the
-- placement of `tbl` on this node.
CREATE OR REPLACE FUNCTION sark_catalogue_relation(tbl text, trigger_schema text, trigger_table text) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
DECLARE
    shard bigint;
BEGIN
    IF trigger_table IN ('resources', 'capabilities') THEN
        RETURN format('%I.%I', trigger_schema, tbl);
    END IF;
    EXECUTE 'SELECT shardid FROM pg_dist_shard WHERE logicalrelid = $1::regclass'
        INTO STRICT shard USING format('%I.%I', trigger_schema, tbl);
    RETURN format('%I.%I', trigger_schema, tbl || '_' || shard);
END
$$;

-- Folds the delta rows that no other transaction is folding into one row per protocol.
CREATE OR REPLACE FUNCTION sark_catalogue_counts_fold(counts text) RETURNS void
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    EXECUTE format('WITH gone AS (DELETE FROM %1$s WHERE ctid = ANY (ARRAY(SELECT ctid FROM %1$s FOR UPDATE SKIP LOCKED))'
                   ' RETURNING protocol, resources, capabilities)'
                   ' INSERT INTO %1$s (protocol, resources, capabilities)'
                   ' SELECT protocol, sum(resources), sum(capabilities) FROM gone GROUP BY protocol'
                   ' HAVING sum(resources) <> 0 OR sum(capabilities) <> 0', counts);
END
$$;

CREATE OR REPLACE FUNCTION sark_catalogue_counts_maybe_fold(counts text) RETURNS void
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    -- SKIP LOCKED would raise serialization failures under REPEATABLE READ / SERIALIZABLE: fold only in
    -- READ COMMITTED, the isolation SARK's DAOs use
    IF random() < 1.0 / 32 AND current_setting('transaction_isolation') = 'read committed' THEN
        PERFORM sark_catalogue_counts_fold(counts);
    END IF;
END
$$;

-- resources: INSERT and UPDATE (statement level)
CREATE OR REPLACE FUNCTION sark_catalogue_resources_count() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    counts text := sark_catalogue_relation('catalogue_counts', TG_TABLE_SCHEMA, TG_TABLE_NAME);
    caps   text := sark_catalogue_relation('capabilities', TG_TABLE_SCHEMA, TG_TABLE_NAME);
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('INSERT INTO %s (protocol, resources, capabilities)'
                       ' SELECT protocol, count(*), 0 FROM sark_new_rows GROUP BY protocol', counts);
    ELSIF TG_OP = 'UPDATE' THEN
        -- only rows whose protocol (or id) changed; a resource that changes protocol takes its capabilities along
        EXECUTE format('WITH gone AS (SELECT id, protocol FROM sark_old_rows EXCEPT SELECT id, protocol FROM sark_new_rows),'
                       ' came AS (SELECT id, protocol FROM sark_new_rows EXCEPT SELECT id, protocol FROM sark_old_rows),'
                       ' d AS (SELECT g.protocol, -1 AS r, -(SELECT count(*) FROM %2$s c WHERE c.resource_id = g.id) AS c FROM gone g'
                       '       UNION ALL'
                       '       SELECT n.protocol, 1, (SELECT count(*) FROM %2$s c WHERE c.resource_id = n.id) FROM came n)'
                       ' INSERT INTO %1$s (protocol, resources, capabilities)'
                       ' SELECT protocol, sum(r), sum(c) FROM d GROUP BY protocol HAVING sum(r) <> 0 OR sum(c) <> 0', counts, caps);
    ELSIF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('INSERT INTO %1$s (protocol, resources, capabilities)'
                       ' SELECT protocol, -sum(resources), 0 FROM %1$s GROUP BY protocol HAVING sum(resources) <> 0', counts);
    END IF;
    PERFORM sark_catalogue_counts_maybe_fold(counts);
    RETURN NULL;
END
$$;

-- resources: DELETE (row level, before the row goes and before ON DELETE CASCADE removes its capabilities)
CREATE OR REPLACE FUNCTION sark_catalogue_resource_deleted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    counts text := sark_catalogue_relation('catalogue_counts', TG_TABLE_SCHEMA, TG_TABLE_NAME);
    caps   text := sark_catalogue_relation('capabilities', TG_TABLE_SCHEMA, TG_TABLE_NAME);
BEGIN
    EXECUTE format('INSERT INTO %s (protocol, resources, capabilities)'
                   ' SELECT $1, -1, -count(*) FROM %s WHERE resource_id = $2', counts, caps)
        USING OLD.protocol, OLD.id;
    RETURN OLD;
END
$$;

-- capabilities: INSERT, UPDATE, DELETE (statement level), counted under the resource's protocol
CREATE OR REPLACE FUNCTION sark_catalogue_capabilities_count() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    counts text := sark_catalogue_relation('catalogue_counts', TG_TABLE_SCHEMA, TG_TABLE_NAME);
    res    text := sark_catalogue_relation('resources', TG_TABLE_SCHEMA, TG_TABLE_NAME);
    delta  text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('INSERT INTO %1$s (protocol, resources, capabilities)'
                       ' SELECT protocol, 0, -sum(capabilities) FROM %1$s GROUP BY protocol HAVING sum(capabilities) <> 0', counts);
        RETURN NULL;
    END IF;
    delta := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT resource_id, 1 AS n FROM sark_new_rows'
        WHEN 'DELETE' THEN 'SELECT resource_id, -1 AS n FROM sark_old_rows'
        -- only rows that moved to another resource (or changed id)
        ELSE 'SELECT resource_id, -1 AS n FROM (SELECT id, resource_id FROM sark_old_rows EXCEPT SELECT id, resource_id FROM sark_new_rows) o'
             ' UNION ALL SELECT resource_id, 1 FROM (SELECT id, resource_id FROM sark_new_rows EXCEPT SELECT id, resource_id FROM sark_old_rows) n'
        END;
    -- FOR NO KEY UPDATE orders this statement with a concurrent protocol change of the same resources (the FK's FOR
    -- KEY SHARE does not). Not FOR SHARE: a transaction that writes capabilities of a resource and then changes its
    -- protocol would deadlock with another doing the same (both holding SHARE, both upgrading). Locked in id order, so
    -- two bulk statements over the same resources wait for each other instead of deadlocking. A resource this
    -- transaction has deleted is not found (its capabilities were counted by sark_catalogue_resource_deleted).
    EXECUTE format('WITH d AS MATERIALIZED (%3$s),'
                   ' res AS (SELECT r.id, r.protocol FROM %2$s r WHERE r.id IN (SELECT resource_id FROM d) ORDER BY r.id'
                   '         FOR NO KEY UPDATE OF r)'
                   ' INSERT INTO %1$s (protocol, resources, capabilities)'
                   ' SELECT res.protocol, 0, sum(d.n) FROM d JOIN res ON res.id = d.resource_id GROUP BY res.protocol HAVING sum(d.n) <> 0',
                   counts, res, delta);
    PERFORM sark_catalogue_counts_maybe_fold(counts);
    RETURN NULL;
END
$$;

-- (Re)creates the counting triggers; called by sark_scale_out() after it converted the tables.
CREATE OR REPLACE FUNCTION sark_catalogue_counts_triggers(create_them boolean) RETURNS void
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    sch text := current_schema();
    t   record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
            ('resources', 'tr_resources_count_insert', 'AFTER INSERT', 'REFERENCING NEW TABLE AS sark_new_rows FOR EACH STATEMENT', 'sark_catalogue_resources_count'),
            ('resources', 'tr_resources_count_update', 'AFTER UPDATE', 'REFERENCING OLD TABLE AS sark_old_rows NEW TABLE AS sark_new_rows FOR EACH STATEMENT', 'sark_catalogue_resources_count'),
            ('resources', 'tr_resources_count_truncate', 'AFTER TRUNCATE', 'FOR EACH STATEMENT', 'sark_catalogue_resources_count'),
            ('resources', 'tr_resources_count_delete', 'BEFORE DELETE', 'FOR EACH ROW', 'sark_catalogue_resource_deleted'),
            ('capabilities', 'tr_capabilities_count_insert', 'AFTER INSERT', 'REFERENCING NEW TABLE AS sark_new_rows FOR EACH STATEMENT', 'sark_catalogue_capabilities_count'),
            ('capabilities', 'tr_capabilities_count_update', 'AFTER UPDATE', 'REFERENCING OLD TABLE AS sark_old_rows NEW TABLE AS sark_new_rows FOR EACH STATEMENT', 'sark_catalogue_capabilities_count'),
            ('capabilities', 'tr_capabilities_count_delete', 'AFTER DELETE', 'REFERENCING OLD TABLE AS sark_old_rows FOR EACH STATEMENT', 'sark_catalogue_capabilities_count'),
            ('capabilities', 'tr_capabilities_count_truncate', 'AFTER TRUNCATE', 'FOR EACH STATEMENT', 'sark_catalogue_capabilities_count'))
            AS x(tbl, name, timing, body, fn) LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I.%I', t.name, sch, t.tbl);
        IF create_them THEN
            EXECUTE format('CREATE TRIGGER %I %s ON %I.%I %s EXECUTE FUNCTION %I.%I()', t.name, t.timing, sch, t.tbl, t.body, sch, t.fn);
        END IF;
    END LOOP;
END
$$;

-- Recomputes the counts from the tables, blocking catalogue writes (not reads) meanwhile.
CREATE OR REPLACE FUNCTION sark_catalogue_counts_rebuild() RETURNS void
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    LOCK TABLE resources, capabilities IN SHARE MODE;
    DELETE FROM catalogue_counts;
    INSERT INTO catalogue_counts (protocol, resources, capabilities)
    SELECT r.protocol, count(*), coalesce(sum(c.n), 0)
    FROM resources r LEFT JOIN (SELECT resource_id, count(*) AS n FROM capabilities GROUP BY resource_id) c ON c.resource_id = r.id
    GROUP BY r.protocol;
END
$$;

-- ---------------------------------------------------------------------------------------------------
-- sark_scale_out() of V7, extended: catalogue_counts is a reference table on Citus like the tables it counts,
-- and the counting triggers are dropped before and created after the conversion (the conversion copies the
-- rows; Citus creates triggers on the placements only under citus.enable_unsafe_triggers, set here for this
-- transaction only).
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
        -- and trigger DDL on the reference tables after DDL on the distributed ones needs one connection per node
        PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
    END IF;
    FOREACH tbl IN ARRAY ARRAY['audit_events', 'gateway_audit_events'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I.%I', 'tr_' || tbl || '_append_only', sch, tbl);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I.%I', 'tr_' || tbl || '_no_truncate', sch, tbl);
    END LOOP;
    PERFORM sark_catalogue_counts_triggers(false);
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
        FOREACH tbl IN ARRAY ARRAY['resources', 'capabilities', 'federation_nodes', 'catalogue_counts'] LOOP
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
    PERFORM sark_catalogue_counts_triggers(true);
    RETURN engine;
END
$$;

SELECT sark_scale_out();

-- the counts of the rows already there (an upgraded or adopted database); the triggers above already hold
-- their locks on resources and capabilities, so no write slips between them and this count
SELECT sark_catalogue_counts_rebuild();
