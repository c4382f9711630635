package io.sark.dao.model;

import io.sark.dao.internal.Check;
import java.util.UUID;

/**
 * A policy version to add; its number is assigned by the DAO. Validated on construction.
 *
 * @param content the policy source (required)
 * @param tested whether it was tested
 * @param createdBy author (a user id) or null
 * @param notes free text or null
 */
public record NewPolicyVersion(String content, boolean tested, UUID createdBy, String notes) {

    public NewPolicyVersion {
        Check.requiredText("content", content);
        Check.text("notes", notes);
    }

    /** An untested version without author or notes. */
    public static NewPolicyVersion of(String content) {
        return new NewPolicyVersion(content, false, null, null);
    }

    public NewPolicyVersion tested(boolean v) {
        return new NewPolicyVersion(content, v, createdBy, notes);
    }

    public NewPolicyVersion createdBy(UUID v) {
        return new NewPolicyVersion(content, tested, v, notes);
    }

    public NewPolicyVersion notes(String v) {
        return new NewPolicyVersion(content, tested, createdBy, v);
    }
}
