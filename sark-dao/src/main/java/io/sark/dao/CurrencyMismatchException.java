package io.sark.dao;

import io.sark.schema.SarkException;

/**
 * An amount in one currency was applied to a budget kept in another (SARK never converts); nothing was written
 * and no audit event is appended (this is a caller error, not a budget refusal).
 */
public class CurrencyMismatchException extends SarkException {

    private static final long serialVersionUID = 1L;
    private final String budgetCurrency;
    private final String requestedCurrency;

    public CurrencyMismatchException(String principalId, String budgetCurrency, String requestedCurrency) {
        super("budget of principal " + principalId + " is in " + budgetCurrency + ", not " + requestedCurrency);
        this.budgetCurrency = budgetCurrency;
        this.requestedCurrency = requestedCurrency;
    }

    public String budgetCurrency() {
        return budgetCurrency;
    }

    public String requestedCurrency() {
        return requestedCurrency;
    }
}
