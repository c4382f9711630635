package io.sark.dao.model;

import io.sark.dao.internal.Amounts;
import java.math.BigDecimal;

/** A count of ledger rows and the sum of their amounts (actual when present, else estimated) in one currency. */
public record CostTotal(String currency, long count, BigDecimal total) {

    public CostTotal {
        total = Amounts.of(total);
    }
}
