package io.sark.migration;

import java.util.List;

/**
 * What {@link V1ToV2Migration#detectShape()} found in the v1 schema.
 *
 * @param schema            the v1 schema inspected
 * @param shape             the verdict
 * @param parametersColumn  {@code parameters_schema}, {@code parameters}, or null when there is neither
 * @param usageColumns      whether {@code mcp_tools} has {@code invocation_count} and {@code last_invoked}
 * @param uppercaseLabels   whether the enum labels are UPPERCASE
 * @param jsonColumns       whether the JSON columns are {@code json} (not {@code jsonb})
 * @param alembicVersion    the Alembic revision in {@code alembic_version}, or null when there is no such table
 * @param evidence          one line per observation behind the verdict
 */
public record ShapeDetection(String schema, SourceShape shape, String parametersColumn, boolean usageColumns,
                             boolean uppercaseLabels, boolean jsonColumns, String alembicVersion, List<String> evidence) {
    public ShapeDetection {
        evidence = List.copyOf(evidence);
    }
}
