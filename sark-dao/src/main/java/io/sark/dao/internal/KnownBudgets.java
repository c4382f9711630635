package io.sark.dao.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Principals whose budget row this database handle has seen committed, so that recording their next cost can skip
 * the "create the budget row if absent" step. A hint only: a row deleted since is caught by the ledger's foreign
 * key, and the insert is then repeated with the step. Bounded; when full it starts over. Thread-safe. Internal.
 */
public final class KnownBudgets {

    static final int CAPACITY = 65_536;

    private final Set<String> principals = ConcurrentHashMap.newKeySet();

    /** Whether {@code principalId}'s budget row was seen. */
    public boolean contains(String principalId) {
        return principals.contains(principalId);
    }

    /** Notes that {@code principalId}'s budget row exists (committed). */
    public void add(String principalId) {
        if (principals.size() >= CAPACITY) {
            principals.clear();
        }
        principals.add(principalId);
    }
}
