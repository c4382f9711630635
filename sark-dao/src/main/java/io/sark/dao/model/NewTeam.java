package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;

/**
 * A team to create. Validated on construction.
 *
 * @param name 1–255 characters, unique
 * @param description at most 1000 characters, or null
 * @param extraMetadata JSON object, default {@code {}}
 */
public record NewTeam(String name, String description, JsonNode extraMetadata) {

    public NewTeam {
        Check.required("name", name, 255);
        Check.optional("description", description, 1000);
        extraMetadata = Check.jsonObjectOrEmpty("extraMetadata", extraMetadata).deepCopy();
    }

    public static NewTeam of(String name) {
        return new NewTeam(name, null, null);
    }

    public NewTeam description(String v) {
        return new NewTeam(name, v, extraMetadata);
    }

    public NewTeam extraMetadata(JsonNode v) {
        return new NewTeam(name, description, v);
    }
}
