package io.sark.testkit.v1;

/**
 * The two shapes real SARK v1 databases come in (reference §0, §9 B1–B3).
 */
public enum V1Shape {
    /**
     * What the reference's Alembic migrations 001–005 create (this SDK's V1–V5): lowercase enum labels,
     * JSONB, {@code mcp_tools.parameters_schema}.
     */
    MIGRATION,
    /**
     * What the reference application created at start-up with {@code Base.metadata.create_all}: UPPERCASE enum
     * labels, JSON instead of JSONB, {@code mcp_tools.parameters} plus {@code invocation_count} and
     * {@code last_invoked}, ORM index names, {@code user_teams} without a primary key.
     */
    ORM
}
