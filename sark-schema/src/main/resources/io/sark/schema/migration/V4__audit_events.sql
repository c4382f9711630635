-- SARK v1 audit events (reference: alembic/versions/004_add_audit_events.py). Fixes D2 (enum types created
-- once). The v1 primary key (id) is kept here so that a database adopted at version 5 and a fresh one
-- converge through the same V7 step, which makes the key TimescaleDB-compatible and then converts the
-- table (D5). The reference's hypertable call moved to V7 for that reason.
CREATE TYPE auditeventtype AS ENUM (
    'server_registered', 'server_updated', 'server_decommissioned', 'tool_invoked',
    'authorization_allowed', 'authorization_denied', 'policy_created', 'policy_updated',
    'policy_activated', 'user_login', 'user_logout', 'security_violation');
CREATE TYPE severitylevel AS ENUM ('low', 'medium', 'high', 'critical');

CREATE TABLE audit_events (
    id             UUID           NOT NULL,
    "timestamp"    TIMESTAMPTZ    NOT NULL DEFAULT now(),
    event_type     auditeventtype NOT NULL,
    severity       severitylevel  NOT NULL DEFAULT 'low',
    user_id        UUID,
    user_email     VARCHAR(255),
    server_id      UUID,
    tool_name      VARCHAR(255),
    decision       VARCHAR(20),
    policy_id      UUID,
    ip_address     VARCHAR(45),
    user_agent     VARCHAR(500),
    request_id     VARCHAR(100),
    details        JSONB          NOT NULL DEFAULT '{}',
    siem_forwarded TIMESTAMPTZ,
    CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_audit_events_timestamp ON audit_events ("timestamp");
CREATE INDEX ix_audit_events_event_type ON audit_events (event_type);
CREATE INDEX ix_audit_events_user_id ON audit_events (user_id);
CREATE INDEX ix_audit_events_server_id ON audit_events (server_id);
CREATE INDEX ix_audit_events_tool_name ON audit_events (tool_name);
CREATE INDEX ix_audit_events_request_id ON audit_events (request_id);
