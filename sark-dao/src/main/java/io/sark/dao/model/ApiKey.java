package io.sark.dao.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An API key (row of {@code api_keys}) without its secret: the database holds only the prefix and a hash, and
 * this record does not even carry the hash.
 *
 * @param id key id
 * @param userId owner
 * @param teamId team the key acts for
 * @param name display name
 * @param description free text
 * @param keyPrefix the public, unique part of the key that identifies it
 * @param scopes permission scopes, e.g. {@code server:read}
 * @param rateLimit requests per minute
 * @param active false once revoked or deactivated
 * @param expiresAt when the key stops being valid
 * @param lastUsedAt last recorded use
 * @param lastUsedIp address of the last recorded use
 * @param usageCount recorded uses
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param revokedAt when revoked
 * @param revokedBy who revoked it
 */
public record ApiKey(UUID id, UUID userId, Optional<UUID> teamId, String name, Optional<String> description, String keyPrefix,
                     List<String> scopes, int rateLimit, boolean active, Optional<Instant> expiresAt,
                     Optional<Instant> lastUsedAt, Optional<String> lastUsedIp, int usageCount, Instant createdAt,
                     Instant updatedAt, Optional<Instant> revokedAt, Optional<UUID> revokedBy) {

    public ApiKey {
        scopes = List.copyOf(scopes);
    }

    /** Whether the key may be used at {@code now}: active, not revoked and not expired. */
    public boolean isValidAt(Instant now) {
        return active && revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
