package io.sark.dao.internal;

import io.sark.dao.CurrencyMismatchException;
import io.sark.dao.model.BudgetWindow;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the DAOs report: charges, reservations, ledger rows and (opt-in) operation timings. This interface mentions
 * no Micrometer type, so the DAOs load without Micrometer; {@link #of} reaches the Micrometer implementation
 * ({@code internal.micrometer.MicrometerDaoMetrics}) only when it was given a registry. Internal.
 */
public interface DaoMetrics {

    /** Reports nothing (no registry configured). */
    DaoMetrics NONE = new DaoMetrics() {
    };

    /** The class name a registry must be (or extend). */
    String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    /**
     * The metrics for {@code registry}: {@link #NONE} for null, else Micrometer meters registered in it.
     *
     * @throws IllegalArgumentException if {@code registry} is not a Micrometer {@code MeterRegistry}
     */
    static DaoMetrics of(Object registry, boolean operationTimers) {
        if (registry == null) {
            return NONE;
        }
        requireMeterRegistry(registry);
        return io.sark.dao.internal.micrometer.MicrometerDaoMetrics.of(registry, operationTimers);
    }

    /**
     * Checks, by class name and without loading any Micrometer class, that {@code registry} is a Micrometer
     * {@code MeterRegistry}.
     *
     * @throws IllegalArgumentException if it is not
     */
    static void requireMeterRegistry(Object registry) {
        for (Class<?> c = registry.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(METER_REGISTRY)) {
                return;
            }
        }
        throw new IllegalArgumentException("meterRegistry must be a " + METER_REGISTRY + ", got: " + registry.getClass().getName());
    }

    /** Whether anything is reported (false for {@link #NONE}). */
    default boolean enabled() {
        return false;
    }

    /** A charge-like decision ({@code charge}, {@code record_and_charge}, {@code reserve}, {@code settle}). */
    default void decision(String operation, Optional<BudgetWindow> exceeded) {
    }

    /** A refusal because the budget is kept in another currency. */
    default void currencyRefused(String operation) {
    }

    /** Runs {@code work}, reporting a {@link CurrencyMismatchException} it throws as {@link #currencyRefused}. */
    default <T> T countingCurrencyRefusals(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (CurrencyMismatchException e) {
            currencyRefused(operation);
            throw e;
        }
    }

    /** {@code n} reservations ended: {@code settled}, {@code released} or {@code expired} (swept). */
    default void reservationsEnded(String how, int n) {
    }

    /** {@code n} ledger rows written by {@code path}: {@code single}, {@code batch} or {@code copy}. */
    default void ledgerRows(String path, int n) {
    }

    /** {@code n} idempotent replays (a key already recorded: nothing written). */
    default void ledgerReplays(int n) {
    }

    /** Runs {@code body}, timed as {@code dao}.{@code operation} when operation timers are on. */
    default <T> T time(String dao, String operation, Supplier<T> body) {
        return body.get();
    }
}
