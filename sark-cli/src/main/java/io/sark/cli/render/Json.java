package io.sark.cli.render;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sark.schema.json.SarkJson;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** {@code --output json}: Jackson rendering of result records (records serialise by their components). */
public final class Json {

    /** The SDK's one Jackson configuration ({@link SarkJson}), indented; records serialise by their components. */
    static final ObjectWriter JSON = SarkJson.mapper().writer()
            .with(SerializationFeature.INDENT_OUTPUT)
            .with(SerializationFeature.WRITE_ENUMS_USING_TO_STRING) // e.g. "rolled_back", "already-managed"
            .without(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** Prints {@code value} as indented JSON. */
    public static void print(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
