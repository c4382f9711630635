package io.sark.testkit.data;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one place where the builders convert time: the builders' API speaks {@link Instant} (the SDK's time type);
 * generated jOOQ columns are {@link OffsetDateTime}.
 */
final class Times {

    private Times() {
    }

    /** A {@code TIMESTAMPTZ} column value. */
    static OffsetDateTime column(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
