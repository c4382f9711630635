package io.sark.testkit.v1;

/**
 * DDL of the ORM-shaped SARK v1 database (what the reference application's {@code Base.metadata.create_all}
 * produced), written from reference §1 and §9 B1–B5. Where the reference does not state a detail (nullability
 * of an ORM JSON column, for instance) the ORM default is assumed: JSON columns nullable without a server
 * default, {@code unique=True, index=True} as a unique index without a separate constraint.
 */
final class V1OrmDdl {

    private V1OrmDdl() {
    }

    static final String DDL = """
            CREATE TYPE transporttype AS ENUM ('HTTP', 'STDIO', 'SSE');
            CREATE TYPE sensitivitylevel AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');
            CREATE TYPE serverstatus AS ENUM ('REGISTERED', 'ACTIVE', 'INACTIVE', 'UNHEALTHY', 'DECOMMISSIONED');
            CREATE TYPE policytype AS ENUM ('AUTHORIZATION', 'VALIDATION', 'TRANSFORMATION', 'AUDIT');
            CREATE TYPE policystatus AS ENUM ('DRAFT', 'ACTIVE', 'INACTIVE', 'DEPRECATED');
            CREATE TYPE auditeventtype AS ENUM ('SERVER_REGISTERED', 'SERVER_UPDATED', 'SERVER_DECOMMISSIONED',
                'TOOL_INVOKED', 'AUTHORIZATION_ALLOWED', 'AUTHORIZATION_DENIED', 'POLICY_CREATED', 'POLICY_UPDATED',
                'POLICY_ACTIVATED', 'USER_LOGIN', 'USER_LOGOUT', 'SECURITY_VIOLATION', 'CONFIGURATION_CHANGED');
            CREATE TYPE severitylevel AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

            CREATE TABLE users (
                id UUID NOT NULL,
                email VARCHAR(255) NOT NULL,
                full_name VARCHAR(255) NOT NULL,
                hashed_password VARCHAR(255) NOT NULL,
                is_active BOOLEAN NOT NULL,
                is_admin BOOLEAN NOT NULL,
                role VARCHAR(50) NOT NULL,
                extra_metadata JSON,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (id)
            );
            CREATE UNIQUE INDEX ix_users_email ON users (email);

            CREATE TABLE teams (
                id UUID NOT NULL,
                name VARCHAR(255) NOT NULL,
                description VARCHAR(1000),
                extra_metadata JSON,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (id)
            );
            CREATE UNIQUE INDEX ix_teams_name ON teams (name);

            CREATE TABLE user_teams (
                user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                team_id UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE
            );

            CREATE TABLE mcp_servers (
                id UUID NOT NULL,
                name VARCHAR(255) NOT NULL,
                description VARCHAR(1000),
                transport transporttype NOT NULL,
                endpoint VARCHAR(500),
                command VARCHAR(500),
                mcp_version VARCHAR(20) NOT NULL,
                capabilities JSON,
                sensitivity_level sensitivitylevel NOT NULL,
                signature VARCHAR(1000),
                status serverstatus NOT NULL,
                health_endpoint VARCHAR(500),
                last_health_check TIMESTAMPTZ,
                owner_id UUID REFERENCES users (id) ON DELETE SET NULL,
                team_id UUID REFERENCES teams (id) ON DELETE SET NULL,
                consul_id VARCHAR(255),
                tags JSON,
                extra_metadata JSON,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (id)
            );
            CREATE INDEX ix_mcp_servers_name ON mcp_servers (name);
            CREATE UNIQUE INDEX ix_mcp_servers_consul_id ON mcp_servers (consul_id);
            CREATE INDEX ix_mcp_servers_status ON mcp_servers (status);
            CREATE INDEX ix_mcp_servers_sensitivity_level ON mcp_servers (sensitivity_level);

            CREATE TABLE mcp_tools (
                id UUID NOT NULL,
                server_id UUID NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
                name VARCHAR(255) NOT NULL,
                description VARCHAR(2000),
                parameters JSON,
                sensitivity_level sensitivitylevel NOT NULL,
                requires_approval BOOLEAN NOT NULL,
                signature VARCHAR(1000),
                invocation_count INTEGER NOT NULL,
                last_invoked TIMESTAMPTZ,
                extra_metadata JSON,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (id)
            );
            CREATE INDEX ix_mcp_tools_name ON mcp_tools (name);
            CREATE INDEX ix_mcp_tools_sensitivity_level ON mcp_tools (sensitivity_level);

            CREATE TABLE api_keys (
                id UUID NOT NULL,
                user_id UUID NOT NULL,
                team_id UUID,
                name VARCHAR(255) NOT NULL,
                description TEXT,
                key_prefix VARCHAR(16) NOT NULL,
                key_hash VARCHAR(255) NOT NULL,
                scopes VARCHAR[] NOT NULL,
                rate_limit INTEGER NOT NULL,
                is_active BOOLEAN NOT NULL,
                expires_at TIMESTAMP,
                last_used_at TIMESTAMP,
                last_used_ip VARCHAR(45),
                usage_count INTEGER NOT NULL,
                created_at TIMESTAMP NOT NULL,
                updated_at TIMESTAMP NOT NULL,
                revoked_at TIMESTAMP,
                revoked_by UUID,
                PRIMARY KEY (id)
            );
            CREATE UNIQUE INDEX ix_api_keys_key_prefix ON api_keys (key_prefix);
            CREATE INDEX ix_api_keys_user_id ON api_keys (user_id);

            CREATE TABLE policies (
                id UUID NOT NULL,
                name VARCHAR(255) NOT NULL,
                description VARCHAR(1000),
                policy_type policytype NOT NULL,
                status policystatus NOT NULL,
                current_version_id UUID,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (id)
            );
            CREATE UNIQUE INDEX ix_policies_name ON policies (name);
            CREATE TABLE policy_versions (
                id UUID NOT NULL,
                policy_id UUID NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                content TEXT NOT NULL,
                is_active BOOLEAN NOT NULL,
                tested BOOLEAN NOT NULL,
                created_by UUID REFERENCES users (id) ON DELETE SET NULL,
                created_at TIMESTAMPTZ NOT NULL,
                notes TEXT,
                PRIMARY KEY (id)
            );
            ALTER TABLE policies ADD FOREIGN KEY (current_version_id) REFERENCES policy_versions (id) ON DELETE SET NULL;

            CREATE TABLE audit_events (
                id UUID NOT NULL,
                "timestamp" TIMESTAMPTZ NOT NULL,
                event_type auditeventtype NOT NULL,
                severity severitylevel NOT NULL,
                user_id UUID,
                user_email VARCHAR(255),
                server_id UUID,
                tool_name VARCHAR(255),
                decision VARCHAR(20),
                policy_id UUID,
                ip_address VARCHAR(45),
                user_agent VARCHAR(500),
                request_id VARCHAR(100),
                details JSON,
                siem_forwarded TIMESTAMPTZ,
                principal_type VARCHAR(50),
                principal_attributes JSONB,
                resource_type VARCHAR(50),
                action_operation VARCHAR(50),
                action_parameters JSONB,
                policy_version VARCHAR(50),
                environment VARCHAR(50),
                success BOOLEAN,
                error_message VARCHAR(500),
                latency_ms FLOAT,
                cost FLOAT,
                retention_until TIMESTAMPTZ,
                PRIMARY KEY (id)
            );
            CREATE INDEX ix_audit_events_timestamp ON audit_events ("timestamp");
            CREATE INDEX ix_audit_events_event_type ON audit_events (event_type);
            """;
}
