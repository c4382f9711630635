package io.sark.testkit.data;

import io.sark.dao.model.BudgetStatus;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.PrincipalBudgetsRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A principal's budget. Defaults: principal {@code principal-<n>-<suffix>}, 100.00 a day, 2000.00 a
 * month, nothing spent or reserved, USD, windows reset at the start of the current UTC day and month (on the
 * shared clock). {@link #insert()} returns the DAO's {@link BudgetStatus} ({@code budgets().status}).
 */
public final class BudgetBuilder {

    private final SarkData data;
    private final PrincipalBudgetsRecord record = new PrincipalBudgetsRecord();

    BudgetBuilder(SarkData data, Draw draw) {
        this.data = data;
        record.setPrincipalId(draw.label("principal"));
        record.setDailyBudget(new BigDecimal("100.00"));
        record.setMonthlyBudget(new BigDecimal("2000.00"));
        record.setDailySpent(BigDecimal.ZERO);
        record.setMonthlySpent(BigDecimal.ZERO);
        record.setDailyReserved(BigDecimal.ZERO);
        record.setMonthlyReserved(BigDecimal.ZERO);
        record.setCurrency("USD");
        OffsetDateTime now = Times.column(data.now());
        record.setLastDailyReset(now.truncatedTo(ChronoUnit.DAYS));
        record.setLastMonthlyReset(now.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1));
        record.setCreatedAt(now);
        record.setUpdatedAt(now);
    }

    /** The principal id (primary key). */
    public BudgetBuilder principal(String principalId) {
        record.setPrincipalId(principalId);
        return this;
    }

    /** The daily limit ({@code null}: none). */
    public BudgetBuilder daily(String amount) {
        record.setDailyBudget(amount == null ? null : new BigDecimal(amount));
        return this;
    }

    /** The monthly limit ({@code null}: none). */
    public BudgetBuilder monthly(String amount) {
        record.setMonthlyBudget(amount == null ? null : new BigDecimal(amount));
        return this;
    }

    /** Already spent today (also added to the month). */
    public BudgetBuilder spentToday(String amount) {
        BigDecimal a = new BigDecimal(amount);
        record.setMonthlySpent(record.getMonthlySpent().subtract(record.getDailySpent()).add(a));
        record.setDailySpent(a);
        return this;
    }

    /** Already spent this month (at least what was spent today). */
    public BudgetBuilder spentThisMonth(String amount) {
        record.setMonthlySpent(new BigDecimal(amount));
        return this;
    }

    /** ISO 4217 currency code. */
    public BudgetBuilder currency(String currency) {
        record.setCurrency(currency);
        return this;
    }

    /** Inserts the budget and returns its status as the DAO reads it. */
    public BudgetStatus insert() {
        String principal = Rows.insert(data.dsl(), Tables.PRINCIPAL_BUDGETS, record).getPrincipalId();
        return data.readBack("budget", db -> db.budgets().status(principal));
    }
}
