package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.Capability;
import io.sark.dao.model.Cost;
import io.sark.dao.model.NewCost;
import io.sark.schema.json.SarkJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A cost ledger row, recorded by the DAO ({@code costs().record}: its validation, its idempotency rule; the ledger
 * does not change budgets). Defaults: a new default budget as principal, a new resource with one capability, an
 * actual cost in [0.0001, 1.0000) equal to the estimate, the budget's currency, timestamped "now" on the shared
 * clock. {@link #insert()} returns the DAO's {@link Cost}.
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
    private Instant timestamp;
    private String idempotencyKey;

    CostBuilder(SarkData data, Draw draw) {
        this.data = data;
        this.draw = draw;
        this.timestamp = data.now();
    }

    /** The principal's budget. */
    public CostBuilder principal(BudgetStatus budget) {
        this.principalId = budget.principalId();
        if (currency == null) {
            currency = budget.currency();
        }
        return this;
    }

    /** The principal (the DAO creates a budget row without limits if it has none). */
    public CostBuilder principal(String principalId) {
        this.principalId = principalId;
        return this;
    }

    /** The capability (and its resource) the cost was incurred on. */
    public CostBuilder forCapability(Capability capability) {
        this.resourceId = capability.resourceId();
        this.capabilityId = capability.id();
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
    public CostBuilder at(Instant timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /** When the cost was incurred, relative to "now" (negative: in the past). */
    public CostBuilder in(Duration offset) {
        this.timestamp = data.now().plus(offset);
        return this;
    }

    /** The idempotency key (the DAO writes its {@code cost_idempotency} row). */
    public CostBuilder idempotencyKey(String key) {
        this.idempotencyKey = key;
        return this;
    }

    /** Adds {@code key: value} to {@code metadata}. */
    public CostBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Records one cost. */
    public Cost insert() {
        return insert(1).get(0);
    }

    /**
     * Records {@code count} costs for the same principal and capability in one transaction, one minute apart ending
     * at the timestamp, with amounts drawn from the seed unless set. An idempotency key gets the suffix {@code -i}
     * when {@code count > 1}.
     */
    public List<Cost> insert(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (principalId == null) {
            principal(data.defaultBudget());
        }
        if (capabilityId == null) {
            forCapability(data.defaultCapability());
        }
        List<NewCost> costs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigDecimal amount = costsSet ? actual : draw.decimal("0.0001", "1.0000", 4);
            String key = idempotencyKey == null ? null : count == 1 ? idempotencyKey : idempotencyKey + "-" + i;
            costs.add(NewCost.of(principalId, resourceId, capabilityId)
                    .estimated(costsSet ? estimated : amount).actual(amount)
                    .currency(currency != null ? currency : NewCost.DEFAULT_CURRENCY)
                    .idempotencyKey(key).metadata(metadata.deepCopy())
                    .at(timestamp.minus(Duration.ofMinutes(count - 1 - i))));
        }
        if (count == 1) {
            return List.of(data.database().costs().record(costs.get(0)));
        }
        return data.database().inTransaction(tx -> {
            List<Cost> stored = new ArrayList<>(count);
            for (NewCost c : costs) {
                stored.add(tx.costs().record(c));
            }
            return stored;
        });
    }
}
