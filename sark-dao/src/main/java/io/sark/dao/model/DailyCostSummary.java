package io.sark.dao.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the daily cost view ({@code mv_daily_cost_summary}): per UTC day, principal, protocol and
 * currency, with the amount rule {@code COALESCE(actual_cost, estimated_cost)}. As fresh as the last
 * {@code refreshDailySummary()}.
 */
public record DailyCostSummary(LocalDate date, String principalId, String protocol, String currency,
                               long invocationCount, BigDecimal totalCost, BigDecimal avgCost, BigDecimal minCost,
                               BigDecimal maxCost) {
}
