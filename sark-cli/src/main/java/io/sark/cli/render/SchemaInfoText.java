package io.sark.cli.render;

import io.sark.schema.MigrationStatus;
import io.sark.schema.SchemaInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Text and JSON shape of {@link SchemaInfo}. */
public final class SchemaInfoText {

    private SchemaInfoText() {
    }

    /** The JSON shape: schema, currentVersion, pending, migrations (version, description, state, installedOn). */
    public static Map<String, Object> json(SchemaInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", i.schema());
        m.put("currentVersion", i.currentVersion().orElse(null));
        m.put("pending", i.pending());
        m.put("migrations", i.migrations().stream().map(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("version", s.version());
            x.put("description", s.description());
            x.put("state", s.state());
            x.put("installedOn", s.installedOn().map(Object::toString).orElse(null));
            return x;
        }).toList());
        return m;
    }

    public static void print(PrintWriter w, SchemaInfo i) {
        w.printf("schema %s at version %s, %d pending%n", i.schema(), i.currentVersion().orElse("none"), i.pending());
        for (MigrationStatus s : i.migrations()) {
            w.printf("  V%-3s %-40s %s%n", s.version(), s.description(), s.state());
        }
    }
}
