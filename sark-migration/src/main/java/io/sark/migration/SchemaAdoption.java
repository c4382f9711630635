package io.sark.migration;

import io.sark.migration.internal.AdoptionImpact;
import io.sark.schema.SarkSchema;
import io.sark.schema.SchemaCatalog;
import io.sark.schema.SchemaMigrationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Brings an existing SARK v1 database under Flyway: verifies that its schema has the v1 shape of the reference
 * migrations 001–005 (tables, columns with types, nullability and defaults, enum labels; with or without an
 * {@code alembic_version} table), baselines it at {@link SarkSchema#V1_VERSION} and applies V6–V7.
 *
 * <p>An ORM-shaped v1 database is refused with the list of differences: V6–V7 assume lowercase enum labels,
 * JSONB and the migration's {@code mcp_tools}/{@code audit_events}/{@code gateway_audit_events}, and rewriting a
 * live ORM schema in place (re-typing enums, JSON → JSONB, adding a primary key) is a riskier operation than the
 * supported path: {@code schema migrate} a new schema and {@code execute --v1-schema <orm schema>} into it
 * (docs/migration-runbook.md).
 *
 * <p>Before anything happens it lists every existing table V6–V7 change and every existing row they change, with
 * counts ({@link AdoptResult#tableChanges()}, {@link AdoptResult#rowChanges()}); when rows would change, adopt is
 * refused unless {@code allowDataChanges}.
 */
public final class SchemaAdoption {

    private final DataSource dataSource;
    private final String schema;

    /** Adopts {@code schema} reached through {@code dataSource}. */
    public SchemaAdoption(DataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** {@link #adopt(boolean, boolean)} without allowing data changes. */
    public AdoptResult adopt(boolean verifyOnly) {
        return adopt(verifyOnly, false);
    }

    /**
     * Verifies and (unless {@code verifyOnly}) adopts. Lists the table and row changes first; refuses (nothing
     * changed) when rows would change and {@code allowDataChanges} is false.
     *
     * @throws MigrationException if the database cannot be read or a migration fails
     */
    public AdoptResult adopt(boolean verifyOnly, boolean allowDataChanges) {
        SarkSchema sark = SarkSchema.configure().dataSource(dataSource).schema(schema).load();
        ShapeDetection shape;
        List<String> differences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> tableChanges;
        List<AdoptResult.RowChange> rowChanges;
        try (Connection c = dataSource.getConnection()) {
            shape = io.sark.migration.internal.ShapeDetector.detect(c, schema);
            if (io.sark.migration.internal.Sql.tableExists(c, schema, SarkSchema.HISTORY_TABLE)) {
                String before = sark.currentVersion().orElse(null);
                if (verifyOnly) {
                    return new AdoptResult(schema, shape.shape(), AdoptOutcome.ALREADY_MANAGED, List.of(), List.of("already under Flyway"), before, before, List.of(),
                            List.of(), List.of());
                }
                SchemaMigrationResult r = sark.migrate();
                return new AdoptResult(schema, shape.shape(), AdoptOutcome.ALREADY_MANAGED, List.of(), List.of("already under Flyway; pending migrations applied"),
                        before, r.currentVersion(), r.applied().stream().map(a -> a.version()).toList(), List.of(), List.of());
            }
            if (shape.alembicVersion() != null) {
                notes.add("alembic_version " + shape.alembicVersion() + " (kept; Flyway history takes over)");
            }
            // types are schema-qualified when the schema is not on the search_path
            compare(SchemaCatalog.describe(c, schema).stream().map(l -> l.replace("<schema>.", "").replace("::" + schema + ".", "::")
                    .replace("::" + io.sark.migration.internal.Sql.q(schema) + ".", "::")).toList(), differences, notes);
            AdoptionImpact impact = new AdoptionImpact(c, schema);
            tableChanges = impact.tableChanges();
            rowChanges = impact.rowChanges();
        } catch (SQLException e) {
            throw new MigrationException("cannot inspect schema " + schema + ": " + e.getMessage(), e);
        }
        if (shape.shape() == SourceShape.ORM) {
            differences.add(0, "ORM-shaped v1 database (UPPERCASE enum labels, JSON columns, mcp_tools.parameters): cannot be adopted in place; "
                    + "create the SDK schema elsewhere ('schema migrate --target-schema sark') and move the data with "
                    + "'execute --v1-schema " + schema + " --target-schema sark'");
        }
        if (differences.isEmpty() && !rowChanges.isEmpty() && !allowDataChanges) {
            differences.add("adopt would change " + rowChanges.stream().mapToLong(AdoptResult.RowChange::rows).sum() + " existing rows (see "
                    + "row changes); give --allow-data-changes to adopt anyway");
        }
        if (!differences.isEmpty()) {
            return new AdoptResult(schema, shape.shape(), AdoptOutcome.REFUSED, differences, notes, null, null, List.of(), tableChanges, rowChanges);
        }
        if (verifyOnly) {
            return new AdoptResult(schema, shape.shape(), AdoptOutcome.VERIFIED, List.of(), notes, null, null, List.of(), tableChanges, rowChanges);
        }
        sark.baseline(SarkSchema.V1_VERSION, "SARK v1 database adopted by sark-migration");
        SchemaMigrationResult r = sark.migrate();
        return new AdoptResult(schema, shape.shape(), AdoptOutcome.ADOPTED, List.of(), notes, SarkSchema.V1_VERSION, r.currentVersion(),
                r.applied().stream().map(a -> a.version()).toList(), tableChanges, rowChanges);
    }

    private static void compare(List<String> actual, List<String> differences, List<String> notes) {
        List<String> expected = expected();
        Set<String> have = new LinkedHashSet<>(actual);
        Map<String, String> actualColumns = new HashMap<>();
        Map<String, String> actualTypes = new HashMap<>();
        for (String line : actual) {
            if (line.startsWith("column ")) {
                actualColumns.put(line.split(" ")[1], line);
            } else if (line.startsWith("type ")) {
                actualTypes.put(line.split(" ")[1], line);
            }
        }
        Set<String> expectedTables = new LinkedHashSet<>();
        for (String line : expected) {
            if (have.contains(line)) {
                if (line.startsWith("table ")) {
                    expectedTables.add(line.split(" ")[1]);
                }
                continue;
            }
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "table" -> differences.add("missing table " + parts[1]);
                case "column" -> {
                    String found = actualColumns.get(parts[1]);
                    differences.add(found == null ? "missing column " + parts[1]
                            : "column " + parts[1] + ": expected '" + line.substring(line.indexOf(' ', 7) + 1) + "', found '"
                            + found.substring(found.indexOf(' ', 7) + 1) + "'");
                }
                case "type" -> {
                    String found = actualTypes.get(parts[1]);
                    if (found == null) {
                        differences.add("missing enum type " + parts[1]);
                    } else if (labels(found).containsAll(labels(line))) {
                        notes.add("enum " + parts[1] + " has extra labels: " + found.substring(found.indexOf('(')));
                    } else {
                        differences.add("enum " + parts[1] + ": expected " + line.substring(line.indexOf('(')) + ", found "
                                + found.substring(found.indexOf('(')));
                    }
                }
                default -> differences.add("unexpected expectation " + line);
            }
        }
        for (String line : actual) {
            if (line.startsWith("column ")) {
                String table = line.split(" ")[1].split("\\.")[0];
                if (expectedTables.contains(table) && !expected.contains(line) && expected.stream().noneMatch(
                        e -> e.startsWith("column " + line.split(" ")[1] + " "))) {
                    notes.add("extra column " + line.split(" ")[1] + " (kept)");
                }
            }
        }
    }

    private static List<String> labels(String typeLine) {
        String inner = typeLine.substring(typeLine.indexOf('(') + 1, typeLine.lastIndexOf(')'));
        return Arrays.stream(inner.split(",\\s*")).toList();
    }

    private static List<String> expected() {
        try (InputStream in = SchemaAdoption.class.getResourceAsStream("/io/sark/migration/v1-shape.txt")) {
            return new String(Objects.requireNonNull(in, "v1-shape.txt").readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
