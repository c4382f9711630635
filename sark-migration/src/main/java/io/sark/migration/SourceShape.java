package io.sark.migration;

/** The shape of a SARK v1 source database (see reference §9 B1–B3), as detected by {@link V1ToV2Migration#detectShape()}. */
public enum SourceShape {
    /** Created by the reference migrations 001–005: lowercase enum labels, JSONB, {@code mcp_tools.parameters_schema}. */
    MIGRATION,
    /** Created by the reference ORM's {@code create_all}: UPPERCASE labels, JSON, {@code mcp_tools.parameters} + usage columns. */
    ORM,
    /** A mix of both (e.g. a hand-patched database); migrated column by column as detected. */
    HYBRID,
    /** No {@code mcp_servers}/{@code mcp_tools} tables in the v1 schema. */
    ABSENT
}
