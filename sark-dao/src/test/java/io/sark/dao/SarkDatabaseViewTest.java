package io.sark.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Views made by {@code withSchema()}/{@code withClock()} share their parent's pool but do not own it. */
@SarkDatabaseTest
class SarkDatabaseViewTest {

    private static SarkDatabase connect(TestDatabase testDb) {
        return SarkDatabase.connect(SarkConfig.builder().jdbcUrl(testDb.jdbcUrl()).schema(testDb.schema())
                .username(testDb.server().username()).password(testDb.server().password()).maximumPoolSize(2).minimumIdle(0).build());
    }

    @Test
    void closingAViewLeavesTheParentsPoolOpen(TestDatabase testDb) {
        try (SarkDatabase db = connect(testDb)) {
            SarkDatabase clocked = db.withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
            SarkDatabase schema = db.withSchema(testDb.schema());
            clocked.close();
            schema.close();
            assertThat(db.resources().findById("no-such-resource")).isEmpty();
            assertThat(db.withClock(Clock.systemUTC()).resources().findById("no-such-resource")).isEmpty();
        }
    }
}
