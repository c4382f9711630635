package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.CapabilitiesRecord;
import io.sark.schema.jooq.tables.records.CostIdempotencyRecord;
import io.sark.schema.jooq.tables.records.CostTrackingRecord;
import io.sark.schema.jooq.tables.records.PrincipalBudgetsRecord;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code cost_tracking} row (the ledger; it does not change budgets). Defaults: a new default budget as
 * principal, a new resource with one capability, an actual cost in [0.0001, 1.0000) equal to the estimate,
 * the budget's currency, timestamped "now". With {@link #idempotencyKey} the {@code cost_idempotency} row is
 * written in the same transaction, as the ledger's rule requires.
 */
public final class CostBuilder {

    private final SarkData data;
    private final Draw draw;
    private final ObjectNode metadata = SarkJson.object();
    private String principalId;
    private String currency;
    private String resourceId;
    private String capabilityId;
    private BigDecimal estimated;
    private BigDecimal actual;
    private boolean costsSet;
    private OffsetDateTime timestamp;
    private String idempotencyKey;

    CostBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        this.timestamp = data.now();
    }

    /** The principal's budget. */
    public CostBuilder principal(PrincipalBudgetsRecord budget) {
        this.principalId = budget.getPrincipalId();
        if (currency == null) {
            currency = budget.getCurrency();
        }
        return this;
    }

    /** The principal (its budget must exist: the ledger references it). */
    public CostBuilder principal(String principalId) {
        this.principalId = principalId;
        return this;
    }

    /** The capability (and its resource) the cost was incurred on. */
    public CostBuilder forCapability(CapabilitiesRecord capability) {
        this.resourceId = capability.getResourceId();
        this.capabilityId = capability.getId();
        return this;
    }

    /** Resource and capability ids as plain values (the ledger keeps ids of deleted catalogue entries). */
    public CostBuilder forCapability(String resourceId, String capabilityId) {
        this.resourceId = resourceId;
        this.capabilityId = capabilityId;
        return this;
    }

    /** Estimated and actual cost ({@code null} for one of them, not both). */
    public CostBuilder cost(String estimated, String actual) {
        this.estimated = estimated == null ? null : new BigDecimal(estimated);
        this.actual = actual == null ? null : new BigDecimal(actual);
        this.costsSet = true;
        return this;
    }

    /** Actual cost (estimate equal). */
    public CostBuilder cost(String amount) {
        return cost(amount, amount);
    }

    /** ISO 4217 currency code (default: the budget's, else USD). */
    public CostBuilder currency(String currency) {
        this.currency = currency;
        return this;
    }

    /** When the cost was incurred. */
    public CostBuilder at(OffsetDateTime timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /** When the cost was incurred, relative to "now" (negative: in the past). */
    public CostBuilder in(Duration offset) {
        this.timestamp = data.now().plus(offset);
        return this;
    }

    /** The idempotency key; also writes the {@code cost_idempotency} row. */
    public CostBuilder idempotencyKey(String key) {
        this.idempotencyKey = key;
        return this;
    }

    /** Adds {@code key: value} to {@code metadata}. */
    public CostBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Inserts one row. */
    public CostTrackingRecord insert() {
        return insert(1).get(0);
    }

    /**
     * Inserts {@code count} rows for the same principal and capability, one minute apart ending at the
     * timestamp, with costs drawn from the seed unless set. An idempotency key gets the suffix {@code -i}
     * when {@code count > 1}.
     */
    public List<CostTrackingRecord> insert(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (principalId == null) {
            principal(data.defaultBudget());
        }
        if (capabilityId == null) {
            forCapability(data.defaultCapability());
        }
        String cur = currency != null ? currency : "USD";
        return data.dsl().transactionResult(tx -> {
            List<CostTrackingRecord> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                CostTrackingRecord r = new CostTrackingRecord();
                BigDecimal amount = costsSet ? actual : draw.decimal("0.0001", "1.0000", 4);
                r.setTimestamp(timestamp.minusMinutes(count - 1 - i));
                r.setPrincipalId(principalId);
                r.setResourceId(resourceId);
                r.setCapabilityId(capabilityId);
                r.setEstimatedCost(costsSet ? estimated : amount);
                r.setActualCost(amount);
                r.setCurrency(cur);
                r.setMetadata(metadata.deepCopy());
                String key = idempotencyKey == null ? null : count == 1 ? idempotencyKey : idempotencyKey + "-" + i;
                r.setIdempotencyKey(key);
                CostTrackingRecord stored = Rows.insert(tx.dsl(), Tables.COST_TRACKING, r);
                if (key != null) {
                    CostIdempotencyRecord idem = new CostIdempotencyRecord();
                    idem.setPrincipalId(principalId);
                    idem.setIdempotencyKey(key);
                    idem.setCostId(stored.getId());
                    idem.setCostTimestamp(stored.getTimestamp());
                    idem.setCreatedAt(data.now());
                    Rows.insert(tx.dsl(), Tables.COST_IDEMPOTENCY, idem);
                }
                rows.add(stored);
            }
            return rows;
        });
    }
}
