-- SARK v2.0 on TimescaleDB: the ledger's key to principal_budgets is kept by triggers instead of the foreign key
-- cost_tracking_principal_id_fkey (docs/schema.md "The ledger's key on TimescaleDB", decision 011). Plain PostgreSQL
-- and Citus keep the foreign key; this migration changes nothing there but adds the functions below.
--
-- Why: TimescaleDB copies a hypertable's foreign keys to every new chunk, and creating a foreign key locks the
-- referenced table (SHARE ROW EXCLUSIVE) against writers. The first ledger write of a new chunk therefore waited
-- for every open transaction that had written principal_budgets, and a transaction that had charged a budget and
-- then wrote the ledger into that same chunk waited for the creator: a deadlock, repeated by every writer queued
-- behind it until the chunk existed. The triggers give each new chunk only row triggers on itself.
--
-- What the triggers keep, as the foreign key did (same SQLSTATE 23503, same constraint name):
--  * a cost_tracking row (inserted, or its principal_id changed) needs its principal's budget row, which the
--    check locks FOR KEY SHARE until the transaction ends, so that a concurrent delete waits for it;
--  * a budget row the ledger references cannot be deleted or get another principal_id;
--  * TRUNCATE of principal_budgets without cost_tracking is refused while the ledger has rows (SQLSTATE 0A000).
-- Like the foreign key's, every check runs after its statement's rows are written (AFTER triggers), so a budget row
-- inserted by the same statement (a data-modifying WITH, as the DAOs write inside a caller's transaction) counts,
-- and on a fresh READ COMMITTED snapshot: a delete that waited for an inserter's lock sees the inserted row.

CREATE OR REPLACE FUNCTION sark_ledger_principal_key() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.principal_id = OLD.principal_id THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM principal_budgets WHERE principal_id = NEW.principal_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'insert or update on table "cost_tracking" violates foreign key constraint "cost_tracking_principal_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'cost_tracking_principal_id_fkey',
                  SCHEMA = current_schema(), TABLE = 'cost_tracking',
                  DETAIL = format('Key (principal_id)=(%s) is not present in table "principal_budgets".', NEW.principal_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION sark_budget_ledger_key() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        -- an AFTER trigger: a TRUNCATE that names cost_tracking too has emptied it by now
        IF EXISTS (SELECT 1 FROM cost_tracking) THEN
            RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
                USING ERRCODE = 'feature_not_supported',
                      DETAIL = 'Table "cost_tracking" references "principal_budgets".',
                      HINT = 'Truncate table "cost_tracking" at the same time.';
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.principal_id = OLD.principal_id THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM cost_tracking WHERE principal_id = OLD.principal_id) THEN
        RAISE EXCEPTION 'update or delete on table "principal_budgets" violates foreign key constraint "cost_tracking_principal_id_fkey" on table "cost_tracking"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'cost_tracking_principal_id_fkey',
                  SCHEMA = current_schema(), TABLE = 'principal_budgets',
                  DETAIL = format('Key (principal_id)=(%s) is still referenced from table "cost_tracking".', OLD.principal_id);
    END IF;
    RETURN NULL;
END
$$;

-- On TimescaleDB: the foreign key becomes the triggers above (idempotent). Elsewhere: nothing.
CREATE OR REPLACE FUNCTION sark_ledger_key() RETURNS text
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN 'foreign key';
    END IF;
    ALTER TABLE cost_tracking DROP CONSTRAINT IF EXISTS cost_tracking_principal_id_fkey;
    DROP TRIGGER IF EXISTS tr_cost_tracking_principal_key ON cost_tracking;
    CREATE TRIGGER tr_cost_tracking_principal_key AFTER INSERT OR UPDATE OF principal_id ON cost_tracking
        FOR EACH ROW EXECUTE FUNCTION sark_ledger_principal_key();
    DROP TRIGGER IF EXISTS tr_principal_budgets_ledger_key ON principal_budgets;
    CREATE TRIGGER tr_principal_budgets_ledger_key AFTER DELETE OR UPDATE OF principal_id ON principal_budgets
        FOR EACH ROW EXECUTE FUNCTION sark_budget_ledger_key();
    DROP TRIGGER IF EXISTS tr_principal_budgets_ledger_truncate ON principal_budgets;
    CREATE TRIGGER tr_principal_budgets_ledger_truncate AFTER TRUNCATE ON principal_budgets
        FOR EACH STATEMENT EXECUTE FUNCTION sark_budget_ledger_key();
    RETURN 'triggers';
END
$$;

-- sark_scale_out() (V8) keeps its work under another name; the new one also applies the ledger key, before the
-- hypertables are made, so that converting an existing ledger does not copy the foreign key to its chunks.
ALTER FUNCTION sark_scale_out() RENAME TO sark_scale_out_tables;

CREATE OR REPLACE FUNCTION sark_scale_out() RETURNS text
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM sark_ledger_key();
    RETURN sark_scale_out_tables();
END
$$;

SELECT sark_ledger_key();
