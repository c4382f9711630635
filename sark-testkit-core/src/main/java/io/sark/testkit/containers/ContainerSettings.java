package io.sark.testkit.containers;

import io.sark.schema.InvalidInputException;
import io.sark.testkit.TestkitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the testkit runs its PostgreSQL container: image, server command (durability off for speed), labels.
 * Pure configuration without Testcontainers types, so it can be built and checked without Docker.
 *
 * @param image         the image, e.g. {@code postgres:17-alpine} or {@code timescale/timescaledb:latest-pg17}
 * @param command       the container command: {@code postgres} and its {@code -c} flags
 * @param labels        labels put on the container
 * @param startupTimeout how long to wait for the server to accept connections
 */
public record ContainerSettings(String image, List<String> command, Map<String, String> labels, Duration startupTimeout) {

    /** Server flags for tests: no fsync, no synchronous commit, no full page writes, UTC, room for pools. */
    public static final List<String> TEST_FLAGS = List.of(
            "fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=300", "timezone=UTC");

    /** Validates and copies. */
    public ContainerSettings {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new InvalidInputException("image", "must not be blank");
        }
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
    }

    /** The container for {@code settings}: its image, the test flags, plus TimescaleDB telemetry off on such images. */
    public static ContainerSettings from(TestkitSettings settings) {
        List<String> command = new ArrayList<>();
        command.add("postgres");
        List<String> flags = new ArrayList<>(TEST_FLAGS);
        if (isTimescale(settings.image())) {
            flags.add("timescaledb.telemetry_level=off");
        }
        for (String flag : flags) {
            command.add("-c");
            command.add(flag);
        }
        return new ContainerSettings(settings.image(), command, Map.of("io.sark.testkit", "true"), Duration.ofSeconds(120));
    }

    /** Whether {@code image} is a TimescaleDB image (by name). */
    public static boolean isTimescale(String image) {
        return image.toLowerCase(Locale.ROOT).contains("timescale");
    }
}
