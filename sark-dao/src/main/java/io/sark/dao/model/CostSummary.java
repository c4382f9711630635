package io.sark.dao.model;

import io.sark.dao.internal.Amounts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates of the ledger rows matching a {@link CostQuery}. Every amount is
 * {@code COALESCE(actual_cost, estimated_cost)} — the same rule as the daily view — and totals are kept per
 * currency (amounts in different currencies are never added). Days are UTC calendar days; the protocol is the
 * protocol of the capability's resource, {@code "unknown"} when the capability is not (or no longer) in the
 * catalogue.
 *
 * @param count      number of rows, all currencies
 * @param totals     per currency
 * @param byProtocol per protocol (sorted by name), then per currency
 * @param byDay      per UTC day (sorted), then per currency
 */
public record CostSummary(long count, List<CostTotal> totals, Map<String, List<CostTotal>> byProtocol,
                          Map<LocalDate, List<CostTotal>> byDay) {

    public CostSummary {
        totals = List.copyOf(totals);
        byProtocol = Collections.unmodifiableSortedMap(new TreeMap<>(byProtocol));
        byDay = Collections.unmodifiableSortedMap(new TreeMap<>(byDay));
    }

    /** The total in {@code currency}, zero when there is none. */
    public BigDecimal total(String currency) {
        return totals.stream().filter(t -> t.currency().equals(currency)).map(CostTotal::total).findFirst()
                .orElse(Amounts.ZERO);
    }
}
