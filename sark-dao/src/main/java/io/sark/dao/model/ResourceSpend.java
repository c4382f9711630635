package io.sark.dao.model;

import io.sark.dao.internal.Amounts;
import java.math.BigDecimal;

/**
 * What one resource cost over a time window, per currency (reference pattern 8, "resource cost analysis").
 *
 * @param resourceId the resource
 * @param name its name
 * @param protocol its protocol
 * @param currency ISO 4217 code of the ledger rows summed
 * @param invocationCount ledger rows in the window
 * @param totalCost sum of {@code COALESCE(actual_cost, estimated_cost)} of those rows, the same rule as the daily
 *                  cost view
 */
public record ResourceSpend(String resourceId, String name, Protocol protocol, String currency, long invocationCount,
                            BigDecimal totalCost) {

    public ResourceSpend {
        totalCost = Amounts.of(totalCost);
    }
}
