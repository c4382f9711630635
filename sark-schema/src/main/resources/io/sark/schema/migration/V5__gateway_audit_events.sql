-- SARK v1.1 gateway audit events (reference: alembic/versions/005_add_gateway_audit_events.py).
-- v1 shape kept exactly (TIMESTAMP without time zone, PK (id)); V7 fixes the key and the time zone.
CREATE TABLE gateway_audit_events (
    id                 VARCHAR     NOT NULL,
    event_type         VARCHAR(50) NOT NULL,
    user_id            VARCHAR,
    agent_id           VARCHAR,
    server_name        VARCHAR,
    tool_name          VARCHAR,
    decision           VARCHAR(10) NOT NULL,
    reason             TEXT        NOT NULL,
    "timestamp"        TIMESTAMP   NOT NULL,
    gateway_request_id VARCHAR     NOT NULL,
    metadata           JSONB       DEFAULT '{}',
    created_at         TIMESTAMP   NOT NULL DEFAULT now(),
    CONSTRAINT gateway_audit_events_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_gateway_audit_user_id ON gateway_audit_events (user_id);
CREATE INDEX ix_gateway_audit_timestamp ON gateway_audit_events ("timestamp");
CREATE INDEX ix_gateway_audit_decision ON gateway_audit_events (decision);
CREATE INDEX ix_gateway_audit_event_type ON gateway_audit_events (event_type);
CREATE INDEX ix_gateway_audit_server_name ON gateway_audit_events (server_name);
CREATE INDEX ix_gateway_audit_tool_name ON gateway_audit_events (tool_name);
CREATE INDEX ix_gateway_audit_request_id ON gateway_audit_events (gateway_request_id);
