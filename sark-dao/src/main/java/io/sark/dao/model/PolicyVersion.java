package io.sark.dao.model;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One version of a policy (row of {@code policy_versions}); at most one version per policy is active.
 *
 * @param id version id
 * @param policyId the policy
 * @param version 1, 2, … per policy
 * @param content the policy source (Rego)
 * @param active whether this is the policy's active version
 * @param tested whether the version was tested
 * @param createdBy author
 * @param createdAt when created
 * @param notes free text
 */
public record PolicyVersion(UUID id, UUID policyId, int version, String content, boolean active, boolean tested,
                            Optional<UUID> createdBy, Instant createdAt, Optional<String> notes) {
}
