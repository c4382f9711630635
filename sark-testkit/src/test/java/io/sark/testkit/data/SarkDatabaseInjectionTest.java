package io.sark.testkit.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.ResourceWithCapabilities;
import io.sark.dao.model.User;
import io.sark.testkit.Isolation;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code SarkDatabase} as a test parameter: bound to the test's database, schema and clock; not the pool's owner. */
@SarkDatabaseTest
class SarkDatabaseInjectionTest {

    private final SarkDatabase fromConstructor;

    SarkDatabaseInjectionTest(SarkDatabase db) {
        this.fromConstructor = db;
    }

    @Test
    void oneInstancePerDatabaseSharedWithSarkData(SarkDatabase db, SarkData data, TestDatabase testDb) {
        assertThat(db).isSameAs(fromConstructor).isSameAs(data.database());
        assertThat(db.dataSource()).isSameAs(testDb.dataSource());
        assertThat(db.schema()).isEqualTo(testDb.schema());
        assertThat(db.clock()).isSameAs(data.clock());
        ResourceWithCapabilities r = data.resource().withCapabilities(2).insert();
        assertThat(db.resources().findWithCapabilities(r.resource().id())).contains(r);
    }

    @Test
    void closingItLeavesTheTestsPoolOpen(SarkDatabase db, DataSource dataSource) throws Exception {
        db.close();
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(db.users().list()).isNotNull();
    }

    @Test
    void systemClockByDefault(SarkDatabase db, SarkData data) {
        Instant before = Instant.now();
        User user = data.user().insert();
        assertThat(user.createdAt()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(db.clock().getZone().getId()).isEqualTo("Z");
    }

    @Nested
    @SarkDatabaseTest(isolation = Isolation.PER_METHOD, schema = "tenant_injected", now = "2026-01-15T12:00:00Z")
    class FixedClockInOtherSchema {

        @Test
        void boundToTheSchemaAndTheFixedClock(SarkDatabase db, SarkData data, TestDatabase testDb) {
            Instant t0 = Instant.parse("2026-01-15T12:00:00Z");
            assertThat(db.schema()).isEqualTo(testDb.schema());
            assertThat(db.clock().instant()).isEqualTo(t0);
            assertThat(data.now()).isEqualTo(t0);
            User user = data.user().insert();
            assertThat(user.createdAt()).isEqualTo(t0);
            assertThat(db.users().findById(user.id())).contains(user);
            BudgetReservation hold = data.reservation().amount("1.00").insert();
            assertThat(hold.expiresAt()).isEqualTo(t0.plusSeconds(15 * 60));
            assertThat(db.budgets().status(hold.principalId()).orElseThrow().reserved()).isEqualByComparingTo("1.00");
            assertThat(testDb.dsl().fetchValue("SELECT count(*) FROM " + testDb.schema() + ".users", Long.class)).isEqualTo(1L);
        }
    }
}
