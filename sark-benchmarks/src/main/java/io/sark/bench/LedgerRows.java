package io.sark.bench;

import io.sark.dao.model.NewCost;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Ledger rows for the bulk-record benchmarks: no idempotency key (the COPY path), small JSON metadata. */
public final class LedgerRows {

    /** Principals per batch: row {@code i} belongs to {@code <prefix>-(i % 500)}. */
    public static final int PRINCIPALS = 500;

    private LedgerRows() {
    }

    /**
     * {@code n} rows of principals {@code <prefix>-0 .. <prefix>-499}, 50 resources and 200 capabilities, a
     * microsecond apart from midnight UTC of 2025-01-01 plus {@code day} days.
     */
    public static List<NewCost> batch(int n, int day, String prefix) {
        List<NewCost> rows = new ArrayList<>(n);
        Instant t = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusDays(day).toInstant();
        for (int i = 0; i < n; i++) {
            rows.add(NewCost.of(prefix + "-" + (i % PRINCIPALS), "res-" + (i % 50), "cap-" + (i % 200))
                    .actual(BigDecimal.valueOf(i % 100_000 + 1, 8))
                    .metadata(SarkJson.object().put("provider", "openai").put("tokens", i % 4096))
                    .at(t.plusNanos(i * 1000L)));
        }
        return rows;
    }
}
