-- SARK v1 API keys (reference: alembic/versions/002_add_api_keys.py).
-- v1 shape kept exactly (TIMESTAMP without time zone, no FKs); V7 moves the timestamps to TIMESTAMPTZ (D9).
CREATE TABLE api_keys (
    id           UUID          NOT NULL,
    user_id      UUID          NOT NULL,
    team_id      UUID,
    name         VARCHAR(255)  NOT NULL,
    description  TEXT,
    key_prefix   VARCHAR(16)   NOT NULL,
    key_hash     VARCHAR(255)  NOT NULL,
    scopes       VARCHAR[]     NOT NULL DEFAULT '{}',
    rate_limit   INTEGER       NOT NULL DEFAULT 1000,
    is_active    BOOLEAN       NOT NULL DEFAULT true,
    expires_at   TIMESTAMP,
    last_used_at TIMESTAMP,
    last_used_ip VARCHAR(45),
    usage_count  INTEGER       NOT NULL DEFAULT 0,
    created_at   TIMESTAMP     NOT NULL DEFAULT now(),
    updated_at   TIMESTAMP     NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMP,
    revoked_by   UUID,
    CONSTRAINT api_keys_pkey PRIMARY KEY (id),
    CONSTRAINT ix_api_keys_key_prefix UNIQUE (key_prefix)
);
COMMENT ON COLUMN api_keys.scopes IS 'List of permission scopes (e.g., ''server:read'', ''server:write'')';
COMMENT ON COLUMN api_keys.rate_limit IS 'Maximum requests per minute';
CREATE INDEX ix_api_keys_user_id ON api_keys (user_id);
CREATE INDEX ix_api_keys_team_id ON api_keys (team_id);
CREATE INDEX ix_api_keys_is_active ON api_keys (is_active);
CREATE INDEX ix_api_keys_expires_at ON api_keys (expires_at);
