package io.sark.dao;

import io.sark.dao.model.BudgetStatus;
import io.sark.dao.model.BudgetWindow;
import io.sark.schema.SarkException;
import java.math.BigDecimal;

/** A charge or reservation would have exceeded a budget limit; nothing was charged. */
public class BudgetExceededException extends SarkException {

    private static final long serialVersionUID = 1L;
    private final String principalId;
    private final BigDecimal amount;
    private final BudgetWindow window;
    private final transient BudgetStatus status;

    public BudgetExceededException(String principalId, BigDecimal amount, String currency, BudgetWindow window,
                                   BudgetStatus status) {
        super((window == BudgetWindow.DAILY ? "Daily" : "Monthly") + " budget of principal " + principalId
                + " exceeded: " + amount.toPlainString() + " " + currency + " refused (limit "
                + (window == BudgetWindow.DAILY ? status.dailyLimit() : status.monthlyLimit()).map(BigDecimal::toPlainString).orElse("none")
                + " " + status.currency() + ")");
        this.principalId = principalId;
        this.amount = amount;
        this.window = window;
        this.status = status;
    }

    public String principalId() {
        return principalId;
    }

    public BigDecimal amount() {
        return amount;
    }

    /** The window whose limit would have been exceeded. */
    public BudgetWindow window() {
        return window;
    }

    /** The budget that caused the refusal. */
    public BudgetStatus status() {
        return status;
    }
}
