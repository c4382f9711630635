package io.sark.dao.model;

import io.sark.dao.internal.Check;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key to create. Validated on construction.
 *
 * @param userId owner (required)
 * @param teamId team, or null
 * @param name 1–255 characters
 * @param description free text or null
 * @param scopes permission scopes (no nulls, each 1–255 characters)
 * @param rateLimit requests per minute, at least 0 (default {@value #DEFAULT_RATE_LIMIT})
 * @param expiresAt expiry, or null for none
 */
public record NewApiKey(UUID userId, UUID teamId, String name, String description, List<String> scopes, int rateLimit,
                        Instant expiresAt) {

    /** The schema's default rate limit (requests per minute). */
    public static final int DEFAULT_RATE_LIMIT = 1000;

    public NewApiKey {
        Check.notNull("userId", userId);
        Check.required("name", name, 255);
        Check.text("description", description);
        scopes = List.copyOf(Check.noNulls("scopes", scopes));
        scopes.forEach(s -> Check.required("scopes", s, 255));
        Check.nonNegative("rateLimit", rateLimit);
        expiresAt = Check.instant("expiresAt", expiresAt);
    }

    /** A key with no team, description, scopes or expiry and the default rate limit. */
    public static NewApiKey of(UUID userId, String name) {
        return new NewApiKey(userId, null, name, null, List.of(), DEFAULT_RATE_LIMIT, null);
    }

    public NewApiKey teamId(UUID v) {
        return new NewApiKey(userId, v, name, description, scopes, rateLimit, expiresAt);
    }

    public NewApiKey description(String v) {
        return new NewApiKey(userId, teamId, name, v, scopes, rateLimit, expiresAt);
    }

    public NewApiKey scopes(List<String> v) {
        return new NewApiKey(userId, teamId, name, description, v, rateLimit, expiresAt);
    }

    public NewApiKey rateLimit(int v) {
        return new NewApiKey(userId, teamId, name, description, scopes, v, expiresAt);
    }

    public NewApiKey expiresAt(Instant v) {
        return new NewApiKey(userId, teamId, name, description, scopes, rateLimit, v);
    }
}
