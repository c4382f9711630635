package io.sark.dao.model;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A policy (row of {@code policies}); its content lives in {@link PolicyVersion}s.
 *
 * @param id policy id
 * @param name unique name
 * @param description free text
 * @param policyType kind
 * @param status lifecycle status
 * @param currentVersionId the active version, if any
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record Policy(UUID id, String name, Optional<String> description, PolicyType policyType, PolicyStatus status,
                     Optional<UUID> currentVersionId, Instant createdAt, Instant updatedAt) {
}
