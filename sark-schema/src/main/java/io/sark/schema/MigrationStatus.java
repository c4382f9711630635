package io.sark.schema;

import java.time.Instant;
import java.util.Optional;

/** One migration as {@link SarkSchema#info()} sees it; {@code state} is Flyway's state name. */
public record MigrationStatus(String version, String description, String state, Optional<Instant> installedOn,
                              boolean applied) {
}
