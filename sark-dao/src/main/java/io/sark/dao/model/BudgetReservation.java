package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A hold on a principal's budget: it counts against the daily and the monthly limit until it is settled,
 * released, or expires at {@link #expiresAt()}.
 */
public record BudgetReservation(String principalId, long id, BigDecimal amount, String currency,
                                Instant createdAt, Instant expiresAt, JsonNode metadata) {
}
