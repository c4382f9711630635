package io.sark.dao.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * "Now" and the starts of the current UTC calendar day and month, computed once per operation from the
 * injected clock and passed to SQL as parameters (scale-out rule 9: no now() in budget statements). Internal.
 */
public record BudgetWindows(OffsetDateTime now, OffsetDateTime dayStart, OffsetDateTime monthStart) {

    /** The windows containing {@code now}. */
    public static BudgetWindows at(OffsetDateTime now) {
        OffsetDateTime utc = CostValidation.timestamp("now", now.withOffsetSameInstant(ZoneOffset.UTC));
        OffsetDateTime day = utc.truncatedTo(ChronoUnit.DAYS);
        return new BudgetWindows(utc, day, day.withDayOfMonth(1));
    }
}
