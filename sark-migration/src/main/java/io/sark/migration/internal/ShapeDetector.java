package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import io.sark.migration.ShapeDetection;
import io.sark.migration.SourceShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place that tells which v1 shape a schema has (reference §9 B1–B3), from its tables, columns and enum
 * labels. Read-only. Used by the migration façade, the validator and schema adoption. Not API.
 */
public final class ShapeDetector {

    private ShapeDetector() {
    }

    /** Inspects {@code schema} on an open connection. */
    public static ShapeDetection detect(Connection c, String schema) throws SQLException {
        List<String> evidence = new ArrayList<>();
        String alembic = Sql.tableExists(c, schema, "alembic_version")
                ? Sql.queryString(c, "SELECT string_agg(version_num, ',') FROM " + q(schema) + ".alembic_version") : null;
        if (alembic != null) {
            evidence.add("alembic_version is " + alembic);
        }
        if (!Sql.tableExists(c, schema, "mcp_servers") || !Sql.tableExists(c, schema, "mcp_tools")) {
            evidence.add("no mcp_servers/mcp_tools tables in schema " + schema);
            return new ShapeDetection(schema, SourceShape.ABSENT, null, false, false, false, alembic, evidence);
        }
        String params = Sql.columnExists(c, schema, "mcp_tools", "parameters_schema") ? "parameters_schema"
                : Sql.columnExists(c, schema, "mcp_tools", "parameters") ? "parameters" : null;
        evidence.add(params == null ? "mcp_tools has neither parameters_schema nor parameters" : "mcp_tools." + params + " present");
        boolean usage = Sql.columnExists(c, schema, "mcp_tools", "invocation_count")
                && Sql.columnExists(c, schema, "mcp_tools", "last_invoked");
        evidence.add(usage ? "mcp_tools has invocation_count and last_invoked" : "mcp_tools has no usage columns");
        String extraType = Sql.columnType(c, schema, "mcp_servers", "extra_metadata");
        boolean json = "json".equals(extraType);
        evidence.add("mcp_servers.extra_metadata is " + extraType);
        String labels = Sql.queryString(c, "SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e "
                + "JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE n.nspname = ? AND t.typname = 'transporttype'", schema);
        boolean upper = labels != null && labels.equals(labels.toUpperCase(Locale.ROOT));
        evidence.add("transporttype labels: " + labels);
        SourceShape shape;
        if ("parameters_schema".equals(params) && !usage && !json && !upper) {
            shape = SourceShape.MIGRATION;
        } else if ("parameters".equals(params) && usage && json && upper) {
            shape = SourceShape.ORM;
        } else {
            shape = SourceShape.HYBRID;
        }
        return new ShapeDetection(schema, shape, params, usage, upper, json, alembic, evidence);
    }
}
