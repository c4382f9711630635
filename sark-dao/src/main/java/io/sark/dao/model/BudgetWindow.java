package io.sark.dao.model;

/** A budget window: the UTC calendar day or the UTC calendar month. */
public enum BudgetWindow {
    /** From 00:00 UTC to the next 00:00 UTC. */
    DAILY,
    /** From the first of the month 00:00 UTC to the first of the next month. */
    MONTHLY
}
