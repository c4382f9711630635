package io.sark.cli.render;

import io.sark.schema.SchemaValidation;
import java.io.PrintWriter;

/** Text rendering of {@link SchemaValidation}. */
public final class SchemaValidationText {

    private SchemaValidationText() {
    }

    public static void print(PrintWriter w, SchemaValidation v) {
        w.println("schema " + v.schema() + (v.valid() ? ": valid" : ": INVALID"));
        v.problems().forEach(p -> w.println("  " + p));
    }
}
