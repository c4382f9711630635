package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import java.util.Optional;

/** Changes {@code UserDao.update} applies; absent fields stay as they are. Validated on construction. */
public record UserUpdate(Optional<String> email, Optional<String> fullName, Optional<String> passwordHash,
                         Optional<Boolean> active, Optional<Boolean> admin, Optional<String> role,
                         Optional<JsonNode> extraMetadata) {

    public UserUpdate {
        email.ifPresent(v -> Check.required("email", v, 255));
        fullName.ifPresent(v -> Check.required("fullName", v, 255));
        passwordHash.ifPresent(v -> Check.required("passwordHash", v, 255));
        role.ifPresent(v -> Check.required("role", v, 50));
        extraMetadata = extraMetadata.map(v -> Check.jsonObject("extraMetadata", v).deepCopy());
    }

    public static UserUpdate none() {
        return new UserUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public UserUpdate email(String v) {
        return new UserUpdate(Optional.of(Check.notNull("email", v)), fullName, passwordHash, active, admin, role, extraMetadata);
    }

    public UserUpdate fullName(String v) {
        return new UserUpdate(email, Optional.of(Check.notNull("fullName", v)), passwordHash, active, admin, role, extraMetadata);
    }

    public UserUpdate passwordHash(String v) {
        return new UserUpdate(email, fullName, Optional.of(Check.notNull("passwordHash", v)), active, admin, role, extraMetadata);
    }

    public UserUpdate active(boolean v) {
        return new UserUpdate(email, fullName, passwordHash, Optional.of(v), admin, role, extraMetadata);
    }

    public UserUpdate admin(boolean v) {
        return new UserUpdate(email, fullName, passwordHash, active, Optional.of(v), role, extraMetadata);
    }

    public UserUpdate role(String v) {
        return new UserUpdate(email, fullName, passwordHash, active, admin, Optional.of(Check.notNull("role", v)), extraMetadata);
    }

    public UserUpdate extraMetadata(JsonNode v) {
        return new UserUpdate(email, fullName, passwordHash, active, admin, role, Optional.of(Check.jsonObject("extraMetadata", v)));
    }

    @Override
    public String toString() {
        return "UserUpdate[email=" + email + ", fullName=" + fullName + ", passwordHash=" + passwordHash.map(p -> "****")
                + ", active=" + active + ", admin=" + admin + ", role=" + role + ", extraMetadata=" + extraMetadata + "]";
    }
}
