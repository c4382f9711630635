package io.sark.dao.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sark.dao.CurrencyMismatchException;
import io.sark.dao.Dbs;
import io.sark.dao.SarkConfig;
import io.sark.dao.SarkDatabase;
import io.sark.dao.cost.MutableClock;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.NewCost;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The DAO's Micrometer meters count what the DAO did (names and tags: docs/spring.md). */
@SarkDatabaseTest
class DaoMetricsTest {

    private static double count(MeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).counter().count();
    }

    @Test
    void chargesAreCountedByOperationOutcomeAndReason(DataSource ds) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SarkDatabase db = Dbs.using(ds).withClock(MutableClock.at("2025-03-10T12:00:00Z")).withMetrics(registry);
        db.budgets().setLimits("m-1", BudgetLimits.of("EUR").daily("10").monthly("15"));
        assertThat(db.budgets().charge("m-1", new BigDecimal("6"), "EUR").accepted()).isTrue();
        assertThat(db.budgets().tryCharge("m-1", new BigDecimal("3"), "EUR")).isTrue();
        assertThat(db.budgets().charge("m-1", new BigDecimal("2"), "EUR").accepted()).isFalse();     // daily: 9 + 2 > 10
        assertThatThrownBy(() -> db.budgets().charge("m-1", BigDecimal.ONE, "USD")).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> db.budgets().tryCharge("m-1", BigDecimal.ONE, "USD")).isInstanceOf(CurrencyMismatchException.class);

        assertThat(count(registry, "sark.budget.charges", "operation", "charge", "outcome", "accepted", "reason", "none")).isEqualTo(2);
        assertThat(count(registry, "sark.budget.charges", "operation", "charge", "outcome", "refused", "reason", "daily")).isEqualTo(1);
        assertThat(count(registry, "sark.budget.charges", "operation", "charge", "outcome", "refused", "reason", "currency")).isEqualTo(2);
        assertThat(count(registry, "sark.budget.charges", "operation", "charge", "outcome", "refused", "reason", "monthly")).isZero();

        // a new day: the daily window is fresh, the monthly one (15) is not: 9 + 7 > 15
        MutableClock nextDay = MutableClock.at("2025-03-11T12:00:00Z");
        SarkDatabase later = db.withClock(nextDay);
        assertThat(later.budgets().recordAndCharge(NewCost.of("m-1", "r", "c").actual("7").currency("EUR")).charge().orElseThrow()
                .accepted()).isFalse();
        assertThat(later.budgets().recordAndCharge(NewCost.of("m-1", "r", "c").actual("1").currency("EUR")
                .idempotencyKey("k1")).replayed()).isFalse();
        assertThat(later.budgets().recordAndCharge(NewCost.of("m-1", "r", "c").actual("1").currency("EUR")
                .idempotencyKey("k1")).replayed()).isTrue();
        assertThat(count(registry, "sark.budget.charges", "operation", "record_and_charge", "outcome", "refused", "reason", "monthly"))
                .isEqualTo(1);
        assertThat(count(registry, "sark.budget.charges", "operation", "record_and_charge", "outcome", "accepted", "reason", "none"))
                .isEqualTo(1);
        assertThat(count(registry, "sark.ledger.rows", "path", "single")).isEqualTo(1);
        assertThat(count(registry, "sark.ledger.replays")).isEqualTo(1);
    }

    @Test
    void reservationsAreCountedAndTheOpenGaugeFollows(DataSource ds) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MutableClock clock = MutableClock.at("2025-03-10T12:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(clock).withMetrics(registry);
        db.budgets().setLimits("m-2", BudgetLimits.of("EUR").daily("10"));
        BudgetReservation a = db.budgets().reserve("m-2", new BigDecimal("2"), "EUR").reservation().orElseThrow();
        BudgetReservation b = db.budgets().reserve("m-2", new BigDecimal("2"), "EUR").reservation().orElseThrow();
        db.budgets().reserve("m-2", new BigDecimal("1"), "EUR", Duration.ofSeconds(30), null);
        assertThat(db.budgets().reserve("m-2", new BigDecimal("9"), "EUR").accepted()).isFalse();
        assertThat(registry.get("sark.budget.reservations.open").gauge().value()).isEqualTo(3);
        db.budgets().settle(a, new BigDecimal("1.5"));
        db.budgets().release(b);
        assertThat(db.budgets().release(b)).isFalse();                 // already gone: not counted twice
        clock.advance(Duration.ofMinutes(1));                          // the 30 s hold expires
        assertThat(db.budgets().sweepExpired()).isEqualTo(1);

        assertThat(count(registry, "sark.budget.reservations", "event", "opened")).isEqualTo(3);
        assertThat(count(registry, "sark.budget.reservations", "event", "settled")).isEqualTo(1);
        assertThat(count(registry, "sark.budget.reservations", "event", "released")).isEqualTo(1);
        assertThat(count(registry, "sark.budget.reservations", "event", "expired")).isEqualTo(1);
        assertThat(count(registry, "sark.budget.charges", "operation", "reserve", "outcome", "refused", "reason", "daily")).isEqualTo(1);
        assertThat(count(registry, "sark.budget.charges", "operation", "settle", "outcome", "accepted", "reason", "none")).isEqualTo(1);
        assertThat(registry.get("sark.budget.reservations.open").gauge().value()).isZero();
    }

    @Test
    void ledgerBatchesReplaysAndOptInTimers(DataSource ds) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SarkDatabase plain = Dbs.using(ds).withMetrics(registry);
        plain.costs().record(NewCost.of("m-3", "r", "c").actual("0.1"));
        assertThat(registry.find("sark.dao.operations").timers()).as("timers are opt-in").isEmpty();

        SarkDatabase db = Dbs.using(ds).withMetrics(registry, true);
        List<NewCost> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(NewCost.of("m-3", "r", "c").actual("0.1"));
        }
        db.costs().recordAll(batch);
        db.costs().recordAll(List.of(NewCost.of("m-3", "r", "c").actual("0.1").idempotencyKey("x"),
                NewCost.of("m-3", "r", "c").actual("0.1").idempotencyKey("x")));
        assertThat(count(registry, "sark.ledger.rows", "path", "single")).isEqualTo(1);
        assertThat(count(registry, "sark.ledger.rows", "path", "batch")).isEqualTo(3);
        assertThat(count(registry, "sark.ledger.rows", "path", "copy")).isEqualTo(1);      // keyed rows are staged by COPY
        assertThat(count(registry, "sark.ledger.replays")).isEqualTo(1);
        Timer recordAll = registry.get("sark.dao.operations").tags("dao", "costs", "operation", "record_all", "outcome", "success").timer();
        assertThat(recordAll.count()).isEqualTo(2);
        assertThatThrownBy(() -> db.budgets().charge("m-3", BigDecimal.ONE, "JPY")).isInstanceOf(CurrencyMismatchException.class);
        assertThat(registry.get("sark.dao.operations").tags("dao", "budgets", "operation", "charge", "outcome", "error").timer().count())
                .isEqualTo(1);
    }

    @Test
    void configTakesOnlyAMeterRegistry(TestDatabase test) {
        SarkConfig.Builder b = SarkConfig.builder().jdbcUrl(test.jdbcUrl()).username(test.username()).password(test.password())
                .schema(test.schema());
        assertThatThrownBy(() -> b.meterRegistry("registry").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.micrometer.core.instrument.MeterRegistry");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SarkDatabase db = SarkDatabase.connect(b.meterRegistry(registry).operationTimers(true).build())) {
            db.budgets().charge("m-4", BigDecimal.ONE, "EUR");
            assertThat(registry.find("hikaricp.connections").gauges()).as("the pool reports too").isNotEmpty();
        }
        assertThat(count(registry, "sark.budget.charges", "operation", "charge", "outcome", "accepted", "reason", "none")).isEqualTo(1);
        assertThatThrownBy(() -> SarkDatabase.using(new org.postgresql.ds.PGSimpleDataSource()).withMetrics(new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
