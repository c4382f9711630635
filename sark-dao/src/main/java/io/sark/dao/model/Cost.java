package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the cost ledger. Amounts come back with the column's scale, 8 decimals (see "Amounts" in
 * {@code docs/dao.md}): compare them with {@link BigDecimal#compareTo}, print them with
 * {@link BigDecimal#toPlainString}.
 *
 * @param id             the ledger id (unique; order by {@code (timestamp, id)}, never by id alone)
 * @param timestamp      when the cost occurred (UTC)
 * @param estimatedCost  the estimate, if any
 * @param actualCost     the actual cost, if any
 * @param idempotencyKey the key it was recorded with, if any
 * @param metadata       the metadata, as recorded
 */
public record Cost(long id, Instant timestamp, String principalId, String resourceId, String capabilityId,
                   Optional<BigDecimal> estimatedCost, Optional<BigDecimal> actualCost, String currency,
                   Optional<String> idempotencyKey, JsonNode metadata) {

    /** What this cost counts for: the actual cost when present, else the estimate (the ledger-wide amount rule). */
    public BigDecimal amount() {
        return actualCost.orElseGet(() -> estimatedCost.orElseThrow());
    }
}
