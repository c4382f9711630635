-- SARK v2.0 protocol-agnostic catalogue (reference: alembic/versions/006_add_protocol_adapter_support.py).
--
-- Deviations from the reference, each recorded in docs/schema.md:
--  * D3: no data copy here. Moving v1 rows is sark-migration's job (one tested implementation, batched,
--    resumable, with provenance); a schema migration that copies data cannot do any of that.
--  * CHECK constraints on the closed domains (sensitivity level), on the protocol (open, but a lowercase
--    identifier) and on JSONB shape (metadata and schemas are objects).
--  * capabilities gets created_at/updated_at so that v1 tool timestamps are not lost (reference §3.2).
--  * ix_resources_protocol and ix_capabilities_resource also carry the sort columns of the listing queries.
--  * D6 for adopted v1 databases: the redundant unique constraints created by the reference's migrations
--    are dropped and the unique indexes become the constraints (no-op on a database created by V1-V5).

CREATE TABLE IF NOT EXISTS resources (
    id                VARCHAR(255)  NOT NULL,
    name              VARCHAR(255)  NOT NULL,
    protocol          VARCHAR(50)   NOT NULL,
    endpoint          VARCHAR(1000) NOT NULL,
    sensitivity_level VARCHAR(20)   NOT NULL DEFAULT 'medium',
    metadata          JSONB         NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT resources_pkey PRIMARY KEY (id),
    CONSTRAINT ck_resources_protocol CHECK (protocol ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT ck_resources_sensitivity_level CHECK (sensitivity_level IN ('low', 'medium', 'high', 'critical')),
    CONSTRAINT ck_resources_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX IF NOT EXISTS ix_resources_protocol ON resources (protocol, name, id);
CREATE INDEX IF NOT EXISTS ix_resources_sensitivity ON resources (sensitivity_level);
CREATE INDEX IF NOT EXISTS ix_resources_name ON resources (name);
CREATE INDEX IF NOT EXISTS ix_resources_metadata_gin ON resources USING gin (metadata);

CREATE TABLE IF NOT EXISTS capabilities (
    id                VARCHAR(255) NOT NULL,
    resource_id       VARCHAR(255) NOT NULL,
    name              VARCHAR(255) NOT NULL,
    description       TEXT,
    input_schema      JSONB        NOT NULL DEFAULT '{}',
    output_schema     JSONB        NOT NULL DEFAULT '{}',
    sensitivity_level VARCHAR(20)  NOT NULL DEFAULT 'medium',
    metadata          JSONB        NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT capabilities_pkey PRIMARY KEY (id),
    CONSTRAINT capabilities_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES resources (id) ON DELETE CASCADE,
    CONSTRAINT ck_capabilities_sensitivity_level CHECK (sensitivity_level IN ('low', 'medium', 'high', 'critical')),
    CONSTRAINT ck_capabilities_input_schema_object CHECK (jsonb_typeof(input_schema) = 'object'),
    CONSTRAINT ck_capabilities_output_schema_object CHECK (jsonb_typeof(output_schema) = 'object'),
    CONSTRAINT ck_capabilities_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX IF NOT EXISTS ix_capabilities_resource ON capabilities (resource_id, name);
CREATE INDEX IF NOT EXISTS ix_capabilities_name ON capabilities (name);
CREATE INDEX IF NOT EXISTS ix_capabilities_sensitivity ON capabilities (sensitivity_level, name);
CREATE INDEX IF NOT EXISTS ix_capabilities_metadata_gin ON capabilities USING gin (metadata);
CREATE INDEX IF NOT EXISTS ix_capabilities_input_schema_gin ON capabilities USING gin (input_schema);

-- D6 on adopted databases (see header).
DO $$
DECLARE
    ns  oid := (SELECT oid FROM pg_namespace WHERE nspname = current_schema());
    u   record;
BEGIN
    FOR u IN SELECT * FROM (VALUES
            ('users', 'users_email_key', 'ix_users_email'),
            ('teams', 'teams_name_key', 'ix_teams_name'),
            ('mcp_servers', 'mcp_servers_consul_id_key', 'ix_mcp_servers_consul_id'),
            ('api_keys', 'api_keys_key_prefix_key', 'ix_api_keys_key_prefix'),
            ('policies', 'policies_name_key', 'ix_policies_name')) AS t(tbl, redundant, kept)
    LOOP
        IF EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
                   WHERE r.relnamespace = ns AND r.relname = u.tbl AND c.conname = u.redundant) THEN
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', u.tbl, u.redundant);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
                       WHERE r.relnamespace = ns AND r.relname = u.tbl AND c.conname = u.kept)
           AND EXISTS (SELECT 1 FROM pg_class i JOIN pg_index x ON x.indexrelid = i.oid
                       WHERE i.relnamespace = ns AND i.relname = u.kept AND x.indisunique) THEN
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I UNIQUE USING INDEX %I', u.tbl, u.kept, u.kept);
        END IF;
    END LOOP;
END
$$;
