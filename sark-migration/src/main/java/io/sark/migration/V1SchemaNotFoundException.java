package io.sark.migration;

import java.util.List;

/**
 * The v1 schema has no {@code mcp_servers}/{@code mcp_tools} tables (usually a wrong {@code --v1-schema}): thrown by
 * {@link V1ToV2Migration#plan()}, {@link V1ToV2Migration#execute()} and the data checks of
 * {@link V1ToV2Migration#validate(ValidationMode)} before they read or write anything. The CLI exits 5.
 */
public class V1SchemaNotFoundException extends MigrationException {

    private static final long serialVersionUID = 1L;

    private final String schema;
    private final List<String> candidates;

    /** {@code candidates}: other schemas that have an {@code mcp_servers} table. */
    public V1SchemaNotFoundException(String schema, List<String> candidates) {
        super("v1 schema " + schema + " has no mcp_servers/mcp_tools tables" + (candidates.isEmpty() ? ""
                : " (wrong --v1-schema? mcp_servers exists in " + String.join(", ", candidates) + ")"));
        this.schema = schema;
        this.candidates = List.copyOf(candidates);
    }

    /** The v1 schema that was given. */
    public String schema() {
        return schema;
    }

    /** Other schemas that have an {@code mcp_servers} table. */
    public List<String> candidates() {
        return candidates;
    }
}
