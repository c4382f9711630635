-- SARK v1 base schema (reference: alembic/versions/001_initial_schema.py).
-- Unqualified names: Flyway runs this with search_path set to the configured SARK schema.
-- Deviation D6: each unique column has exactly one unique structure, a UNIQUE constraint named after
-- the reference's unique index (the reference created a column constraint *and* a unique index).

CREATE TYPE transporttype AS ENUM ('http', 'stdio', 'sse');
CREATE TYPE sensitivitylevel AS ENUM ('low', 'medium', 'high', 'critical');
CREATE TYPE serverstatus AS ENUM ('registered', 'active', 'inactive', 'unhealthy', 'decommissioned');

CREATE TABLE users (
    id              UUID         NOT NULL,
    email           VARCHAR(255) NOT NULL,
    full_name       VARCHAR(255) NOT NULL,
    hashed_password VARCHAR(255) NOT NULL,
    is_active       BOOLEAN      NOT NULL DEFAULT true,
    is_admin        BOOLEAN      NOT NULL DEFAULT false,
    role            VARCHAR(50)  NOT NULL DEFAULT 'developer',
    extra_metadata  JSONB        NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT ix_users_email UNIQUE (email)
);

CREATE TABLE teams (
    id             UUID          NOT NULL,
    name           VARCHAR(255)  NOT NULL,
    description    VARCHAR(1000),
    extra_metadata JSONB         NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT teams_pkey PRIMARY KEY (id),
    CONSTRAINT ix_teams_name UNIQUE (name)
);

CREATE TABLE user_teams (
    user_id UUID NOT NULL,
    team_id UUID NOT NULL,
    CONSTRAINT user_teams_pkey PRIMARY KEY (user_id, team_id),
    CONSTRAINT user_teams_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT user_teams_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
CREATE INDEX ix_user_teams_user_id ON user_teams (user_id);
CREATE INDEX ix_user_teams_team_id ON user_teams (team_id);

CREATE TABLE mcp_servers (
    id                UUID             NOT NULL,
    name              VARCHAR(255)     NOT NULL,
    description       VARCHAR(1000),
    transport         transporttype    NOT NULL,
    endpoint          VARCHAR(500),
    command           VARCHAR(500),
    mcp_version       VARCHAR(20)      NOT NULL DEFAULT '2025-06-18',
    capabilities      JSONB            NOT NULL DEFAULT '[]',
    sensitivity_level sensitivitylevel NOT NULL DEFAULT 'medium',
    signature         VARCHAR(1000),
    status            serverstatus     NOT NULL DEFAULT 'registered',
    health_endpoint   VARCHAR(500),
    last_health_check TIMESTAMPTZ,
    owner_id          UUID,
    team_id           UUID,
    consul_id         VARCHAR(255),
    tags              JSONB            NOT NULL DEFAULT '[]',
    extra_metadata    JSONB            NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ      NOT NULL DEFAULT now(),
    CONSTRAINT mcp_servers_pkey PRIMARY KEY (id),
    CONSTRAINT ix_mcp_servers_consul_id UNIQUE (consul_id),
    CONSTRAINT mcp_servers_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT mcp_servers_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL
);
CREATE INDEX ix_mcp_servers_name ON mcp_servers (name);
CREATE INDEX ix_mcp_servers_owner_id ON mcp_servers (owner_id);
CREATE INDEX ix_mcp_servers_team_id ON mcp_servers (team_id);

CREATE TABLE mcp_tools (
    id                UUID             NOT NULL,
    server_id         UUID             NOT NULL,
    name              VARCHAR(255)     NOT NULL,
    description       TEXT,
    parameters_schema JSONB            NOT NULL DEFAULT '{}',
    sensitivity_level sensitivitylevel NOT NULL DEFAULT 'medium',
    requires_approval BOOLEAN          NOT NULL DEFAULT false,
    signature         VARCHAR(1000),
    extra_metadata    JSONB            NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ      NOT NULL DEFAULT now(),
    CONSTRAINT mcp_tools_pkey PRIMARY KEY (id),
    CONSTRAINT mcp_tools_server_id_fkey FOREIGN KEY (server_id) REFERENCES mcp_servers (id) ON DELETE CASCADE
);
CREATE INDEX ix_mcp_tools_server_id ON mcp_tools (server_id);
CREATE INDEX ix_mcp_tools_name ON mcp_tools (name);
