package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;

/**
 * A user to create. Validated on construction. The SDK never sees passwords: {@code passwordHash} is an already
 * hashed password (bcrypt, argon2 …) stored as given.
 *
 * @param email 1–255 characters, unique
 * @param fullName 1–255 characters
 * @param passwordHash 1–255 characters
 * @param role 1–50 characters, default {@value #DEFAULT_ROLE}
 * @param admin default false
 * @param extraMetadata JSON object, default {@code {}}
 */
public record NewUser(String email, String fullName, String passwordHash, String role, boolean admin, JsonNode extraMetadata) {

    /** The schema's default role. */
    public static final String DEFAULT_ROLE = "developer";

    public NewUser {
        Check.required("email", email, 255);
        Check.required("fullName", fullName, 255);
        Check.required("passwordHash", passwordHash, 255);
        Check.required("role", role, 50);
        extraMetadata = Check.jsonObjectOrEmpty("extraMetadata", extraMetadata).deepCopy();
    }

    /** A non-admin {@value #DEFAULT_ROLE} with empty metadata. */
    public static NewUser of(String email, String fullName, String passwordHash) {
        return new NewUser(email, fullName, passwordHash, DEFAULT_ROLE, false, null);
    }

    public NewUser role(String v) {
        return new NewUser(email, fullName, passwordHash, v, admin, extraMetadata);
    }

    public NewUser admin(boolean v) {
        return new NewUser(email, fullName, passwordHash, role, v, extraMetadata);
    }

    public NewUser extraMetadata(JsonNode v) {
        return new NewUser(email, fullName, passwordHash, role, admin, v);
    }

    @Override
    public String toString() {
        return "NewUser[email=" + email + ", fullName=" + fullName + ", passwordHash=****, role=" + role + ", admin=" + admin
                + ", extraMetadata=" + extraMetadata + "]";
    }
}
