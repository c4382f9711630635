package io.sark.schema;

import java.util.List;

/** Outcome of {@link SarkSchema#validate()}: {@code valid} with no problems, or the problems found. */
public record SchemaValidation(String schema, boolean valid, List<String> problems) {
    public SchemaValidation {
        problems = List.copyOf(problems);
    }
}
