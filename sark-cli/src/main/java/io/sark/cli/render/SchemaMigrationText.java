package io.sark.cli.render;

import io.sark.schema.SchemaMigrationResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Text and JSON shape of {@link SchemaMigrationResult}. */
public final class SchemaMigrationText {

    private SchemaMigrationText() {
    }

    /** The JSON shape: schema, initialVersion, currentVersion, applied ("version description"). */
    public static Map<String, Object> json(SchemaMigrationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", r.schema());
        m.put("initialVersion", r.initialVersion().orElse(null));
        m.put("currentVersion", r.currentVersion());
        m.put("applied", r.applied().stream().map(a -> a.version() + " " + a.description()).toList());
        return m;
    }

    public static void print(PrintWriter w, SchemaMigrationResult r) {
        w.printf("schema %s: %s -> %s, applied %s%n", r.schema(), r.initialVersion().orElse("empty"), r.currentVersion(), json(r).get("applied"));
    }
}
