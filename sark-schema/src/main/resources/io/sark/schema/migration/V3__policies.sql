-- SARK v1 policies (reference: alembic/versions/003_add_policies.py). Fixes D2: each enum type is created once.
CREATE TYPE policytype AS ENUM ('authorization', 'validation', 'transformation', 'audit');
CREATE TYPE policystatus AS ENUM ('draft', 'active', 'inactive', 'deprecated');

CREATE TABLE policies (
    id                 UUID          NOT NULL,
    name               VARCHAR(255)  NOT NULL,
    description        VARCHAR(1000),
    policy_type        policytype    NOT NULL DEFAULT 'authorization',
    status             policystatus  NOT NULL DEFAULT 'draft',
    current_version_id UUID,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT policies_pkey PRIMARY KEY (id),
    CONSTRAINT ix_policies_name UNIQUE (name)
);

CREATE TABLE policy_versions (
    id         UUID        NOT NULL,
    policy_id  UUID        NOT NULL,
    version    INTEGER     NOT NULL,
    content    TEXT        NOT NULL,
    is_active  BOOLEAN     NOT NULL DEFAULT false,
    tested     BOOLEAN     NOT NULL DEFAULT false,
    created_by UUID,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    notes      TEXT,
    CONSTRAINT policy_versions_pkey PRIMARY KEY (id),
    CONSTRAINT policy_versions_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES policies (id) ON DELETE CASCADE,
    CONSTRAINT policy_versions_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_policy_versions_policy_id ON policy_versions (policy_id);
CREATE UNIQUE INDEX ix_policy_versions_version ON policy_versions (policy_id, version);

ALTER TABLE policies
    ADD CONSTRAINT fk_policies_current_version FOREIGN KEY (current_version_id)
        REFERENCES policy_versions (id) ON DELETE SET NULL;
