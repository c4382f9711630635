package io.sark.dao.cost;

import static io.sark.dao.cost.CostLedgerDaoTest.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.BudgetExceededException;
import io.sark.dao.CurrencyMismatchException;
import io.sark.dao.Dbs;
import io.sark.dao.NotFoundException;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.BudgetLimits;
import io.sark.dao.model.BudgetReservation;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.BudgetWindow;
import io.sark.dao.model.ChargeResult;
import io.sark.dao.model.CostChargeResult;
import io.sark.dao.model.NewCost;
import io.sark.dao.model.ReservationResult;
import io.sark.schema.InvalidInputException;
import io.sark.testkit.SarkDatabaseTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class PrincipalBudgetDaoTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static long audits(DSLContext dsl, String principal) {
        return num(dsl, "select count(*) from audit_events where event_type = 'cost_limit_exceeded'"
                + " and details->>'principal_id' = ?", principal).longValueExact();
    }

    private static BigDecimal stored(DSLContext dsl, String column, String principal) {
        return num(dsl, "select " + column + " from principal_budgets where principal_id = ?", principal);
    }

    @Test
    void setAndClearLimitsAndStatus(DataSource ds) {
        MutableClock clock = MutableClock.at("2025-03-10T12:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(clock);
        assertThat(db.budgets().status("lim")).isEmpty();
        BudgetStatus s = db.budgets().setLimits("lim", BudgetLimits.of("EUR").daily("10").monthly("100"));
        assertThat(s.dailyLimit()).get().satisfies(l -> assertThat(l).isEqualByComparingTo("10"));
        assertThat(s.currency()).isEqualTo("EUR");
        // amounts come back at scale 8, zero included, whatever scale went in
        assertThat(List.of(s.dailySpent(), s.monthlySpent(), s.reserved(), s.dailyRemaining().orElseThrow()))
                .extracting(BigDecimal::scale).containsOnly(8);
        assertThat(s.dailySpent()).isEqualTo(new BigDecimal("0.00000000"));
        assertThat(db.budgets().charge("lim", d("2.5"), "EUR").orElseThrow().amount()).isEqualTo("2.50000000");
        BudgetStatus after = db.budgets().status("lim").orElseThrow();
        assertThat(after.dailySpent()).isEqualByComparingTo("2.5");
        assertThat(after.dailyRemaining()).get().satisfies(r -> assertThat(r).isEqualByComparingTo("7.5"));
        assertThat(after.dailyPercentUsed()).get().satisfies(r -> assertThat(r).isEqualByComparingTo("25"));
        assertThat(after.monthlyPercentUsed()).get().satisfies(r -> assertThat(r).isEqualByComparingTo("2.5"));
        assertThat(after.dailyWindowStart()).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(after.monthlyWindowStart()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));

        // setting only a monthly limit clears the daily one (NULL = no limit)
        BudgetStatus monthlyOnly = db.budgets().setLimits("lim", BudgetLimits.of("EUR").monthly("100"));
        assertThat(monthlyOnly.dailyLimit()).isEmpty();
        assertThat(monthlyOnly.dailySpent()).isEqualByComparingTo("2.5");
        assertThat(db.budgets().clearLimits("lim")).get().satisfies(c -> {
            assertThat(c.dailyLimit()).isEmpty();
            assertThat(c.monthlyLimit()).isEmpty();
            assertThat(c.dailyRemaining()).isEmpty();
        });
        assertThat(db.budgets().clearLimits("nobody")).isEmpty();

        // the currency cannot change while money is spent in the current windows ...
        assertThatThrownBy(() -> db.budgets().setLimits("lim", BudgetLimits.of("USD").daily("1")))
                .isInstanceOf(CurrencyMismatchException.class);
        // ... but can once the month is over
        clock.set("2025-04-01T00:00:00Z");
        assertThat(db.budgets().setLimits("lim", BudgetLimits.of("USD").daily("1")).currency()).isEqualTo("USD");
        // a limit lowered below spent: remaining 0, percent above 100
        db.budgets().setLimits("low", BudgetLimits.of("USD").daily("10"));
        db.budgets().charge("low", d("8"), "USD").orElseThrow();
        BudgetStatus lowered = db.budgets().setLimits("low", BudgetLimits.of("USD").daily("4"));
        assertThat(lowered.dailyRemaining()).get().satisfies(r -> assertThat(r).isEqualByComparingTo("0"));
        assertThat(lowered.dailyPercentUsed()).get().satisfies(r -> assertThat(r).isEqualByComparingTo("200"));
        BudgetStatus zero = db.budgets().setLimits("zero", BudgetLimits.of("USD").daily("0"));
        assertThat(zero.dailyPercentUsed()).get().satisfies(r -> assertThat(r).isEqualByComparingTo("100"));
        assertThatThrownBy(() -> db.budgets().setLimits("lim", BudgetLimits.of("USD").daily("-1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("daily"));
    }

    @Test
    void chargeUpToTheLimitExactlyThenRefusedWithAnAuditEventAndNothingElseWritten(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds).withClock(MutableClock.at("2025-03-10T12:00:00Z"));
        db.budgets().setLimits("exact", BudgetLimits.of("USD").daily("1").monthly("50"));
        assertThat(db.budgets().charge("exact", d("0.6"), "USD").accepted()).isTrue();
        ChargeResult last = db.budgets().charge("exact", d("0.4"), "USD");
        assertThat(last.accepted()).isTrue();                        // reaching the limit exactly is allowed
        assertThat(last.status().dailySpent()).isEqualByComparingTo("1");
        String before = dsl.fetchValue("select row(p.*)::text from principal_budgets p where principal_id = 'exact'").toString();

        ChargeResult refused = db.budgets().charge("exact", d("0.00000001"), "USD");
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.exceeded()).contains(BudgetWindow.DAILY);
        assertThat(dsl.fetchValue("select row(p.*)::text from principal_budgets p where principal_id = 'exact'").toString())
                .isEqualTo(before);
        assertThat(audits(dsl, "exact")).isEqualTo(1);
        assertThat(dsl.fetchValue("select details->>'window' || ' ' || (details->>'limit') || ' ' || decision"
                + " from audit_events where details->>'principal_id' = 'exact'"))
                .isEqualTo("daily 1.00000000 denied");
        assertThatThrownBy(refused::orElseThrow).isInstanceOfSatisfying(BudgetExceededException.class, e -> {
            assertThat(e.window()).isEqualTo(BudgetWindow.DAILY);
            assertThat(e.getMessage()).contains("Daily budget").contains("exact");
        });

        // the monthly limit is checked too
        db.budgets().setLimits("monthly", BudgetLimits.of("USD").monthly("3"));
        db.budgets().charge("monthly", d("3"), "USD").orElseThrow();
        assertThat(db.budgets().charge("monthly", d("1"), "USD").exceeded()).contains(BudgetWindow.MONTHLY);
        assertThat(db.budgets().check("monthly", d("1")).exceeded()).contains(BudgetWindow.MONTHLY);
    }

    @Test
    void currencyMismatchAndBadInputAreRefusedWithoutWriting(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds).withClock(MutableClock.at("2025-03-10T12:00:00Z"));
        db.budgets().setLimits("cur", BudgetLimits.of("EUR").daily("10"));
        assertThatThrownBy(() -> db.budgets().charge("cur", d("1"), "USD"))
                .isInstanceOfSatisfying(CurrencyMismatchException.class, e -> {
                    assertThat(e.budgetCurrency()).isEqualTo("EUR");
                    assertThat(e.requestedCurrency()).isEqualTo("USD");
                });
        assertThatThrownBy(() -> db.budgets().reserve("cur", d("1"), "USD")).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> db.budgets().recordAndCharge(NewCost.of("cur", "r", "c").actual("1")))
                .isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> db.budgets().check("cur", d("1"), "USD")).isInstanceOf(CurrencyMismatchException.class);
        assertThat(stored(dsl, "daily_spent", "cur")).isEqualByComparingTo("0");
        assertThat(num(dsl, "select count(*) from cost_tracking where principal_id = 'cur'")).isEqualByComparingTo("0");
        assertThat(audits(dsl, "cur")).isZero();

        assertInvalid(() -> db.budgets().charge("cur", d("0"), "EUR"), "amount");
        assertInvalid(() -> db.budgets().charge("cur", d("-1"), "EUR"), "amount");
        assertInvalid(() -> db.budgets().charge("cur", d("1.000000001"), "EUR"), "amount");
        assertInvalid(() -> db.budgets().charge("cur", d("12345678901"), "EUR"), "amount");
        assertInvalid(() -> db.budgets().charge("cur", d("1"), "EU"), "currency");
        assertInvalid(() -> db.budgets().charge("cur", d("1"), "QQQ"), "currency");
        assertInvalid(() -> db.budgets().charge("", d("1"), "EUR"), "principalId");
        assertInvalid(() -> db.budgets().charge(null, d("1"), "EUR"), "principalId");
        assertInvalid(() -> db.budgets().charge("cur", null, "EUR"), "amount");
        assertInvalid(() -> db.budgets().reserve("cur", d("0"), "EUR"), "estimate");
        assertInvalid(() -> db.budgets().reserve("cur", d("1"), "EUR", Duration.ZERO, null), "ttl");
        assertInvalid(() -> db.budgets().settle("cur", 1, d("-1")), "actual");
        assertInvalid(() -> db.budgets().check("cur", d("0")), "amount");
        assertThat(stored(dsl, "daily_spent", "cur")).isEqualByComparingTo("0");
        assertThat(stored(dsl, "daily_reserved", "cur")).isEqualByComparingTo("0");
        assertThat(num(dsl, "select count(*) from principal_budgets where principal_id = ''")).isEqualByComparingTo("0");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void dayAndMonthRolloverWithoutAnyCostRecordedFirst(DataSource ds, DSLContext dsl) {
        MutableClock clock = MutableClock.at("2025-01-31T23:59:59.999999Z");
        SarkDatabase db = Dbs.using(ds).withClock(clock);
        db.budgets().setLimits("roll", BudgetLimits.of("USD").daily("1").monthly("1.5"));
        db.budgets().charge("roll", d("1"), "USD").orElseThrow();
        assertThat(db.budgets().check("roll", d("0.01")).allowed()).isFalse();
        assertThat(db.budgets().charge("roll", d("0.01"), "USD").accepted()).isFalse();

        // one microsecond later it is a new UTC day and a new month: check and status apply the resets
        clock.set("2025-02-01T00:00:00Z");
        assertThat(db.budgets().check("roll", d("1")).allowed()).isTrue();
        BudgetStatus s = db.budgets().status("roll").orElseThrow();
        assertThat(s.dailySpent()).isEqualByComparingTo("0");
        assertThat(s.monthlySpent()).isEqualByComparingTo("0");
        assertThat(stored(dsl, "daily_spent", "roll")).isEqualByComparingTo("1");   // not rewritten by reads
        assertThat(db.budgets().charge("roll", d("1"), "USD").accepted()).isTrue();
        assertThat(stored(dsl, "daily_spent", "roll")).isEqualByComparingTo("1");
        assertThat(stored(dsl, "monthly_spent", "roll")).isEqualByComparingTo("1");

        // next day: the daily window resets, the monthly one does not
        clock.set("2025-02-02T08:00:00Z");
        assertThat(db.budgets().charge("roll", d("0.6"), "USD").exceeded()).contains(BudgetWindow.MONTHLY);
        ChargeResult ok = db.budgets().charge("roll", d("0.5"), "USD");
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.status().dailySpent()).isEqualByComparingTo("0.5");
        assertThat(ok.status().monthlySpent()).isEqualByComparingTo("1.5");

        // the daily window is the calendar day, not 24 h since the last reset
        clock.set("2025-02-02T23:00:00Z");
        assertThat(db.budgets().status("roll").orElseThrow().dailySpent()).isEqualByComparingTo("0.5");
        // a non-UTC clock zone changes nothing: windows are UTC
        SarkDatabase tokyo = Dbs.using(ds).withClock(java.time.Clock.fixed(
                java.time.Instant.parse("2025-02-02T23:00:00Z"), java.time.ZoneId.of("Asia/Tokyo")));
        assertThat(tokyo.budgets().status("roll").orElseThrow().dailyWindowStart())
                .isEqualTo(Instant.parse("2025-02-02T00:00:00Z"));
    }

    @Test
    void reservationsHoldSettleReleaseAndExpire(DataSource ds, DSLContext dsl) {
        MutableClock clock = MutableClock.at("2025-03-10T12:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(clock);
        db.budgets().setLimits("res", BudgetLimits.of("USD").daily("10"));
        BudgetReservation hold = db.budgets().reserve("res", d("6"), "USD").orElseThrow();
        assertThat(hold.expiresAt()).isEqualTo(Instant.parse("2025-03-10T12:15:00Z"));
        assertThat(db.budgets().status("res").orElseThrow().reserved()).isEqualByComparingTo("6");
        // the hold counts against charges and other reservations
        assertThat(db.budgets().charge("res", d("4.01"), "USD").accepted()).isFalse();
        ReservationResult second = db.budgets().reserve("res", d("5"), "USD");
        assertThat(second.accepted()).isFalse();
        assertThat(audits(dsl, "res")).isEqualTo(2);
        assertThat(db.budgets().charge("res", d("4"), "USD").accepted()).isTrue();

        // settle below the hold: the rest is released
        ChargeResult settled = db.budgets().settle(hold, d("5.5"));
        assertThat(settled.accepted()).isTrue();
        assertThat(settled.status().dailySpent()).isEqualByComparingTo("9.5");
        assertThat(settled.status().reserved()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> db.budgets().settle(hold, d("1"))).isInstanceOf(NotFoundException.class);
        assertThat(db.budgets().release(hold)).isFalse();

        // release
        BudgetReservation h2 = db.budgets().reserve("res", d("0.5"), "USD").orElseThrow();
        assertThat(db.budgets().release(h2)).isTrue();
        assertThat(stored(dsl, "daily_reserved", "res")).isEqualByComparingTo("0");

        // settle above the hold: the excess must fit, else refused and the hold stays
        BudgetReservation h3 = db.budgets().reserve("res", d("0.25"), "USD").orElseThrow();
        ChargeResult over = db.budgets().settle(h3, d("0.75"));
        assertThat(over.accepted()).isFalse();
        assertThat(over.exceeded()).contains(BudgetWindow.DAILY);
        assertThat(db.budgets().findReservation("res", h3.id())).isPresent();
        assertThat(stored(dsl, "daily_reserved", "res")).isEqualByComparingTo("0.25");
        assertThat(stored(dsl, "daily_spent", "res")).isEqualByComparingTo("9.5");
        assertThat(audits(dsl, "res")).isEqualTo(3);
        assertThat(db.budgets().settle(h3, d("0.5")).accepted()).isTrue();            // exactly the limit
        assertThat(db.budgets().status("res").orElseThrow().dailySpent()).isEqualByComparingTo("10");

        // expiry: an expired hold stops counting at once; a charge in its way sweeps it
        clock.set("2025-03-11T09:00:00Z");
        BudgetReservation h4 = db.budgets().reserve("res", d("9"), "USD", Duration.ofSeconds(30), null).orElseThrow();
        assertThat(db.budgets().charge("res", d("2"), "USD").accepted()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(db.budgets().status("res").orElseThrow().reserved()).isEqualByComparingTo("0");
        assertThat(db.budgets().check("res", d("10")).allowed()).isTrue();
        assertThat(stored(dsl, "daily_reserved", "res")).isEqualByComparingTo("9");   // not swept yet
        assertThat(db.budgets().charge("res", d("2"), "USD").accepted()).isTrue();     // sweeps, then charges
        assertThat(stored(dsl, "daily_reserved", "res")).isEqualByComparingTo("0");
        assertThat(db.budgets().findReservation("res", h4.id())).isEmpty();
        assertThatThrownBy(() -> db.budgets().settle(h4, d("1"))).isInstanceOf(NotFoundException.class);

        // the explicit sweep
        db.budgets().reserve("res", d("1"), "USD", Duration.ofSeconds(1), null).orElseThrow();
        db.budgets().reserve("res", d("1"), "USD", Duration.ofSeconds(1), null).orElseThrow();
        db.budgets().reserve("other", d("1"), "USD", Duration.ofSeconds(1), null).orElseThrow();
        BudgetReservation live = db.budgets().reserve("res", d("1"), "USD", Duration.ofHours(1), null).orElseThrow();
        clock.advance(Duration.ofSeconds(2));
        assertThat(db.budgets().sweepExpired()).isEqualTo(3);
        assertThat(db.budgets().sweepExpired()).isZero();
        assertThat(stored(dsl, "daily_reserved", "res")).isEqualByComparingTo("1");
        assertThat(stored(dsl, "monthly_reserved", "res")).isEqualByComparingTo("1");
        assertThat(stored(dsl, "daily_reserved", "other")).isEqualByComparingTo("0");
        assertThat(db.budgets().settle(live, d("0")).accepted()).isTrue();
        assertThat(stored(dsl, "daily_reserved", "res")).isEqualByComparingTo("0");
    }

    @Test
    void aChargeInCurrentWindowsReportsLiveHoldsOnlyAndAChargeAfterMidnightResetsFirst(DataSource ds, DSLContext dsl) {
        MutableClock clock = MutableClock.at("2025-04-01T08:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(clock);
        db.budgets().setLimits("fast", BudgetLimits.of("USD").daily("100"));
        assertThat(db.budgets().charge("fast", d("1"), "USD").accepted()).isTrue();
        db.budgets().reserve("fast", d("3"), "USD", Duration.ofSeconds(10), null).orElseThrow();
        db.budgets().reserve("fast", d("5"), "USD", Duration.ofHours(1), null).orElseThrow();
        clock.advance(Duration.ofSeconds(11));
        ChargeResult r = db.budgets().charge("fast", d("2"), "USD");
        assertThat(r.accepted()).isTrue();
        assertThat(r.status().dailySpent()).isEqualByComparingTo("3");
        assertThat(r.status().reserved()).isEqualByComparingTo("5");                  // the expired 3 no longer counts
        assertThat(stored(dsl, "daily_reserved", "fast")).isEqualByComparingTo("8");   // not swept: the charge fitted

        // next day: yesterday's spending is gone before the charge is compared, the month keeps it
        clock.set("2025-04-02T00:00:00Z");
        ChargeResult next = db.budgets().charge("fast", d("4"), "USD");
        assertThat(next.accepted()).isTrue();
        assertThat(next.status().dailySpent()).isEqualByComparingTo("4");
        assertThat(next.status().monthlySpent()).isEqualByComparingTo("7");
        assertThat(next.status().reserved()).isEqualByComparingTo("0");                // both holds expired
        assertThat(stored(dsl, "daily_spent", "fast")).isEqualByComparingTo("4");
        assertThat(stored(dsl, "monthly_spent", "fast")).isEqualByComparingTo("7");
    }

    @Test
    void tryChargeDecidesExactlyLikeChargeWithoutReadingTheFiguresBack(DataSource ds, DSLContext dsl) {
        MutableClock clock = MutableClock.at("2025-05-31T23:00:00Z");
        SarkDatabase db = Dbs.using(ds).withClock(clock);
        // no budget row yet: created without limits, then charged
        assertThat(db.budgets().tryCharge("lean-new", d("0.00003"), "USD")).isTrue();
        assertThat(stored(dsl, "daily_spent", "lean-new")).isEqualByComparingTo("0.00003");
        assertThat(db.budgets().status("lean-new").orElseThrow().dailyLimit()).isEmpty();

        db.budgets().setLimits("lean", BudgetLimits.of("USD").daily("1").monthly("1.5"));
        assertThat(db.budgets().tryCharge("lean", d("0.6"), "USD")).isTrue();
        assertThat(db.budgets().tryCharge("lean", d("0.4"), "USD")).isTrue();           // reaching the limit exactly
        String before = dsl.fetchValue("select row(p.*)::text from principal_budgets p where principal_id = 'lean'").toString();
        assertThat(db.budgets().tryCharge("lean", d("0.00000001"), "USD")).isFalse();
        assertThat(dsl.fetchValue("select row(p.*)::text from principal_budgets p where principal_id = 'lean'").toString())
                .isEqualTo(before);
        assertThat(dsl.fetchValue("select details->>'window' || ' ' || (details->>'operation') from audit_events"
                + " where details->>'principal_id' = 'lean'")).isEqualTo("daily charge");

        // the same refusals before any write as charge
        assertThatThrownBy(() -> db.budgets().tryCharge("lean", d("0.1"), "EUR")).isInstanceOf(CurrencyMismatchException.class);
        assertInvalid(() -> db.budgets().tryCharge("lean", d("0"), "USD"), "amount");
        assertInvalid(() -> db.budgets().tryCharge("lean", d("1.000000001"), "USD"), "amount");
        assertInvalid(() -> db.budgets().tryCharge("lean", d("1"), "QQQ"), "currency");
        assertInvalid(() -> db.budgets().tryCharge(" ", d("1"), "USD"), "principalId");
        assertThat(dsl.fetchValue("select row(p.*)::text from principal_budgets p where principal_id = 'lean'").toString())
                .isEqualTo(before);
        assertThat(audits(dsl, "lean")).isEqualTo(1);

        // a new day and month: over yesterday's limit, spending today needs no cost recorded first
        clock.set("2025-06-01T00:00:00Z");
        assertThat(db.budgets().tryCharge("lean", d("0.2"), "USD")).isTrue();
        assertThat(stored(dsl, "daily_spent", "lean")).isEqualByComparingTo("0.2");
        assertThat(stored(dsl, "monthly_spent", "lean")).isEqualByComparingTo("0.2");

        // a live hold counts; once expired it is swept by the charge it stands in the way of
        BudgetReservation hold = db.budgets().reserve("lean", d("0.8"), "USD", Duration.ofSeconds(10), null).orElseThrow();
        assertThat(db.budgets().tryCharge("lean", d("0.1"), "USD")).isFalse();
        assertThat(audits(dsl, "lean")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(10));
        assertThat(db.budgets().tryCharge("lean", d("0.8"), "USD")).isTrue();
        assertThat(stored(dsl, "daily_spent", "lean")).isEqualByComparingTo("1");
        assertThat(stored(dsl, "daily_reserved", "lean")).isEqualByComparingTo("0");
        assertThat(db.budgets().findReservation("lean", hold.id())).isEmpty();

        // in the caller's transaction: rolled back with it
        assertThatThrownBy(() -> db.inTransaction(tx -> {
            db.budgets().setLimits("lean", BudgetLimits.of("USD").daily("2").monthly("2"));
            assertThat(tx.budgets().tryCharge("lean", d("0.5"), "USD")).isTrue();
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(stored(dsl, "daily_spent", "lean")).isEqualByComparingTo("1");
    }

    @Test
    void recordAndChargeIsAtomicAndIdempotent(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds).withClock(MutableClock.at("2025-03-10T12:00:00Z"));
        // no budget row yet: created unlimited
        CostChargeResult first = db.budgets().recordAndCharge(NewCost.of("rac", "r", "cap-x").estimated("9").actual("0.00003")
                .idempotencyKey("call-1"));
        assertThat(first.accepted()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(first.charge().orElseThrow().status().dailySpent()).isEqualByComparingTo("0.00003"); // actual wins
        CostChargeResult replay = db.budgets().recordAndCharge(NewCost.of("rac", "r", "cap-x").actual("5").idempotencyKey("call-1"));
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.cost()).isEqualTo(first.cost());
        assertThat(stored(dsl, "daily_spent", "rac")).isEqualByComparingTo("0.00003");

        db.budgets().setLimits("rac", BudgetLimits.of("USD").daily("1"));
        CostChargeResult refused = db.budgets().recordAndCharge(NewCost.of("rac", "r", "cap-x").actual("1").idempotencyKey("call-2"));
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.charge().orElseThrow().exceeded()).contains(BudgetWindow.DAILY);
        assertThatThrownBy(refused::orElseThrow).isInstanceOf(BudgetExceededException.class);
        assertThat(num(dsl, "select count(*) from cost_tracking where principal_id = 'rac'")).isEqualByComparingTo("1");
        // the refused key was not consumed: a later retry within budget is recorded
        assertThat(num(dsl, "select count(*) from cost_idempotency where principal_id = 'rac'")).isEqualByComparingTo("1");
        assertThat(dsl.fetchValue("select capability_id || ' ' || actual_cost from audit_events where details->>'principal_id' = 'rac'"))
                .isEqualTo("cap-x 1.00000000");
        CostChargeResult retry = db.budgets().recordAndCharge(NewCost.of("rac", "r", "cap-x").actual("0.5").idempotencyKey("call-2"));
        assertThat(retry.accepted()).isTrue();
        assertThat(num(dsl, "select sum(actual_cost) from cost_tracking where principal_id = 'rac'"))
                .isEqualByComparingTo(stored(dsl, "daily_spent", "rac"));
    }

    @Test
    void aRefusalInsideACallersTransactionIsAResultAndItsAuditEventCommitsWithIt(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds).withClock(MutableClock.at("2025-03-10T12:00:00Z"));
        db.budgets().setLimits("tx", BudgetLimits.of("USD").daily("1"));
        ChargeResult r = db.inTransaction(tx -> {
            tx.budgets().charge("tx", d("0.75"), "USD").orElseThrow();
            CostChargeResult refused = tx.budgets().recordAndCharge(NewCost.of("tx", "r", "c").actual("0.5"));
            assertThat(refused.accepted()).isFalse();
            tx.costs().record(NewCost.of("tx", "r", "c").actual("0.01"));        // the transaction goes on
            return tx.budgets().charge("tx", d("0.25"), "USD");
        });
        assertThat(r.accepted()).isTrue();
        assertThat(stored(dsl, "daily_spent", "tx")).isEqualByComparingTo("1");
        assertThat(audits(dsl, "tx")).isEqualTo(1);
        assertThat(num(dsl, "select count(*) from cost_tracking where principal_id = 'tx'")).isEqualByComparingTo("1");
    }
}
