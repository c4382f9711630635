package io.sark.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.JSONB;
import org.jooq.impl.AbstractConverter;

/**
 * Maps every JSONB column of the generated jOOQ classes to Jackson's {@link JsonNode} (configured by
 * {@link SarkJson}). SQL NULL stays {@code null}; JSON {@code null} is a {@code NullNode}.
 */
public final class JsonbConverter extends AbstractConverter<JSONB, JsonNode> {

    private static final long serialVersionUID = 1L;

    public JsonbConverter() {
        super(JSONB.class, JsonNode.class);
    }

    @Override
    public JsonNode from(JSONB databaseObject) {
        return databaseObject == null ? null : SarkJson.parse(databaseObject.data());
    }

    @Override
    public JSONB to(JsonNode userObject) {
        return userObject == null ? null : JSONB.valueOf(SarkJson.write(userObject));
    }
}
