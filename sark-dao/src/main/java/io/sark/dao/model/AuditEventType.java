package io.sark.dao.model;

import io.sark.schema.InvalidInputException;
import java.util.Locale;

/** Type of an audit event (the v1 values and the five added by v2 for federation and costs). Stored as the lowercase name. */
public enum AuditEventType {
    SERVER_REGISTERED, SERVER_UPDATED, SERVER_DECOMMISSIONED, TOOL_INVOKED, AUTHORIZATION_ALLOWED, AUTHORIZATION_DENIED, POLICY_CREATED, POLICY_UPDATED, POLICY_ACTIVATED, USER_LOGIN, USER_LOGOUT, SECURITY_VIOLATION, CROSS_ORG_REQUEST, CROSS_ORG_AUTHORIZATION, COST_LIMIT_EXCEEDED, FEDERATION_NODE_TRUSTED, FEDERATION_NODE_REVOKED;

    /** The value stored in the database (the lowercase name). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a value case-insensitively.
     *
     * @throws InvalidInputException (field {@code eventType}) for an unknown value
     */
    public static AuditEventType parse(String value) {
        if (value != null) {
            for (AuditEventType v : values()) {
                if (v.name().equalsIgnoreCase(value)) {
                    return v;
                }
            }
        }
        throw new InvalidInputException("eventType", "is not a known AuditEventType: " + io.sark.dao.internal.Check.show(value));
    }
}
