package io.sark.dao.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.dao.internal.Check;
import io.sark.dao.internal.CostValidation;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A cost to record in the ledger ({@code cost_tracking}). Input type: {@code null} means "absent" for the
 * optional components ({@code estimatedCost}, {@code actualCost}, {@code idempotencyKey}, {@code timestamp}).
 *
 * <pre>{@code
 * NewCost c = NewCost.of("user-1", "res-1", "cap-1").actual(new BigDecimal("0.00003")).idempotencyKey("req-42");
 * }</pre>
 *
 * <p>Valid on construction ({@link io.sark.schema.InvalidInputException} naming the component): ids are non-blank and
 * at most 255 characters; each amount is {@code >= 0} and fits NUMERIC(18,8) (at most 10 integer digits and 8
 * decimals, never rounded); the currency is an ISO 4217 code; metadata is a JSON object PostgreSQL can store; the
 * timestamp is storable (kept at microsecond precision). At least one of {@code estimatedCost}/{@code actualCost}
 * must be given when the cost is recorded ({@code of(...)} starts without amounts). The amount a cost counts for —
 * in summaries, in the daily view and when charged — is the actual cost when present, else the estimate.
 *
 * @param principalId    who is charged (required, at most 255 characters)
 * @param resourceId     the resource invoked (required, at most 255 characters)
 * @param capabilityId   the capability invoked (required, at most 255 characters)
 * @param estimatedCost  the estimate, or {@code null}
 * @param actualCost     the actual cost, or {@code null}
 * @param currency       ISO 4217 code, default {@code USD}
 * @param idempotencyKey a key that makes a retried record a no-op (per principal), or {@code null}
 * @param metadata       a JSON object kept verbatim ({@code null}: {@code {}})
 * @param timestamp      when the cost occurred, or {@code null} for "now" from the SDK's clock
 *                       ({@code SarkDatabase.clock()}) when it is recorded
 */
public record NewCost(String principalId, String resourceId, String capabilityId, BigDecimal estimatedCost,
                      BigDecimal actualCost, String currency, String idempotencyKey, JsonNode metadata,
                      Instant timestamp) {

    /** The default currency. */
    public static final String DEFAULT_CURRENCY = "USD";

    public NewCost {
        principalId = CostValidation.id("principalId", principalId);
        resourceId = CostValidation.id("resourceId", resourceId);
        capabilityId = CostValidation.id("capabilityId", capabilityId);
        estimatedCost = estimatedCost == null ? null : CostValidation.amount("estimatedCost", estimatedCost, true);
        actualCost = actualCost == null ? null : CostValidation.amount("actualCost", actualCost, true);
        currency = CostValidation.currency("currency", currency);
        idempotencyKey = idempotencyKey == null ? null : CostValidation.id("idempotencyKey", idempotencyKey);
        metadata = CostValidation.metadata("metadata", metadata);
        timestamp = Check.instant("timestamp", timestamp);
    }

    /** A cost without amounts yet (add {@link #estimated} and/or {@link #actual}), in USD, empty metadata. */
    public static NewCost of(String principalId, String resourceId, String capabilityId) {
        return new NewCost(principalId, resourceId, capabilityId, null, null, DEFAULT_CURRENCY, null, SarkJson.object(), null);
    }

    /** With this estimate ({@code null}: none). */
    public NewCost estimated(BigDecimal amount) {
        return new NewCost(principalId, resourceId, capabilityId, amount, actualCost, currency, idempotencyKey, metadata, timestamp);
    }

    /**
     * With this estimate (parsed exactly from its decimal text, e.g. {@code "0.00003"}).
     *
     * @throws io.sark.schema.InvalidInputException ({@code estimatedCost}) if the text is not a decimal number
     */
    public NewCost estimated(String amount) {
        return estimated(CostValidation.parse("estimatedCost", amount));
    }

    /** With this actual cost ({@code null}: none). */
    public NewCost actual(BigDecimal amount) {
        return new NewCost(principalId, resourceId, capabilityId, estimatedCost, amount, currency, idempotencyKey, metadata, timestamp);
    }

    /**
     * With this actual cost (parsed exactly from its decimal text).
     *
     * @throws io.sark.schema.InvalidInputException ({@code actualCost}) if the text is not a decimal number
     */
    public NewCost actual(String amount) {
        return actual(CostValidation.parse("actualCost", amount));
    }

    /** In this currency (ISO 4217 code). */
    public NewCost currency(String code) {
        return new NewCost(principalId, resourceId, capabilityId, estimatedCost, actualCost, code, idempotencyKey, metadata, timestamp);
    }

    /** With an idempotency key: recording the same (principal, key) again returns the first row ({@code null}: none). */
    public NewCost idempotencyKey(String key) {
        return new NewCost(principalId, resourceId, capabilityId, estimatedCost, actualCost, currency, key, metadata, timestamp);
    }

    /** With this metadata (a JSON object). */
    public NewCost metadata(JsonNode json) {
        return new NewCost(principalId, resourceId, capabilityId, estimatedCost, actualCost, currency, idempotencyKey, json, timestamp);
    }

    /** Occurred at this instant, stored with microsecond precision ({@code null}: "now" when recorded). */
    public NewCost at(Instant when) {
        return new NewCost(principalId, resourceId, capabilityId, estimatedCost, actualCost, currency, idempotencyKey, metadata, when);
    }
}
