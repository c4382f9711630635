package io.sark.schema.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.sark.schema.SarkException;
import java.time.Duration;
import java.time.Instant;

/**
 * The one Jackson configuration the SDK uses for JSONB. Numbers are read as {@code BigDecimal} /
 * {@code BigInteger}, so every value PostgreSQL stores comes back exactly; build nodes with
 * {@link #mapper()} (or {@link #parse(String)}) to compare them with what the database returns. {@code Instant} and
 * {@code Duration} values are written as their ISO-8601 text.
 */
public final class SarkJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // instants and durations as their ISO-8601 text (the CLI's JSON output); no jsr310 module needed
            .addModule(new SimpleModule("sark")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Duration.class, ToStringSerializer.instance))
            .build();

    private SarkJson() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses JSON text.
     *
     * @throws SarkException if the text is not valid JSON (or nests deeper than Jackson's limit of 1000 levels)
     */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            throw new SarkException("not valid JSON: " + (problem.length() > 200 ? problem.substring(0, 200) + "..." : problem), e);
        }
    }

    /** Renders a node as compact JSON text. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
