package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A user (row of {@code users}) without the password hash.
 *
 * @param id user id
 * @param email unique e-mail
 * @param fullName display name
 * @param active whether the user may log in
 * @param admin whether the user is an administrator
 * @param role role name, e.g. {@code developer}
 * @param extraMetadata JSON object
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record User(UUID id, String email, String fullName, boolean active, boolean admin, String role, JsonNode extraMetadata,
                   Instant createdAt, Instant updatedAt) {
}
