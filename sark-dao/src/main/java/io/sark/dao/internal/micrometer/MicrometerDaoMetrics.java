package io.sark.dao.internal.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sark.dao.internal.DaoMetrics;
import io.sark.dao.model.BudgetWindow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Micrometer meters of the DAOs (names in docs/spring.md). Loaded only when a registry was configured. One set
 * of meters per registry, shared by every {@code SarkDatabase} reporting to it (so the open-reservations gauge
 * counts all of them). Internal.
 */
public final class MicrometerDaoMetrics implements DaoMetrics {

    private static final Map<MeterRegistry, Meters> BY_REGISTRY = new WeakHashMap<>();
    private static final List<String> OPERATIONS = List.of("charge", "record_and_charge", "reserve", "settle");
    private static final List<String> REASONS = List.of("none", "daily", "monthly", "currency");
    private static final int NONE_REASON = 0;
    private static final int DAILY = 1;
    private static final int MONTHLY = 2;
    private static final int CURRENCY = 3;

    private final MeterRegistry registry;
    private final Meters meters;
    private final boolean operationTimers;

    private MicrometerDaoMetrics(MeterRegistry registry, Meters meters, boolean operationTimers) {
        this.registry = registry;
        this.meters = meters;
        this.operationTimers = operationTimers;
    }

    /** The metrics of {@code registry} (a {@code MeterRegistry}, checked by the caller). */
    public static DaoMetrics of(Object registry, boolean operationTimers) {
        MeterRegistry r = (MeterRegistry) registry;
        Meters m;
        synchronized (BY_REGISTRY) {
            m = BY_REGISTRY.computeIfAbsent(r, Meters::new);
        }
        return new MicrometerDaoMetrics(r, m, operationTimers);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void decision(String operation, Optional<BudgetWindow> exceeded) {
        meters.charge(operation, exceeded.isEmpty() ? NONE_REASON : exceeded.get() == BudgetWindow.DAILY ? DAILY : MONTHLY).increment();
        if (operation.equals("reserve") && exceeded.isEmpty()) {
            meters.reservations("opened").increment();
            meters.open.incrementAndGet();
        }
    }

    @Override
    public void currencyRefused(String operation) {
        meters.charge(operation, CURRENCY).increment();
    }

    @Override
    public void reservationsEnded(String how, int n) {
        if (n > 0) {
            meters.reservations(how).increment(n);
            meters.open.addAndGet(-n);
        }
    }

    @Override
    public void ledgerRows(String path, int n) {
        if (n > 0) {
            meters.ledgerRows.get(path).increment(n);
        }
    }

    @Override
    public void ledgerReplays(int n) {
        if (n > 0) {
            meters.replays.increment(n);
        }
    }

    @Override
    public <T> T time(String dao, String operation, Supplier<T> body) {
        if (!operationTimers) {
            return body.get();
        }
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = body.get();
            outcome = "success";
            return result;
        } finally {
            meters.timer(registry, dao, operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The meters of one registry, created on first use and cached (a registry lookup per call costs more). */
    private static final class Meters {
        private final AtomicLong open = new AtomicLong();
        private final Counter replays;
        private final Map<String, Counter[]> charges = new HashMap<>();
        private final Map<String, Counter> reservations = new HashMap<>();
        private final Map<String, Counter> ledgerRows = new HashMap<>();
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();

        /** Holds no reference to {@code registry}: the cache above must not keep a registry alive. */
        Meters(MeterRegistry registry) {
            Gauge.builder("sark.budget.reservations.open", open, AtomicLong::get)
                    .description("Reservations opened and not yet settled, released or swept, as seen by this process")
                    .register(registry);
            this.replays = Counter.builder("sark.ledger.replays")
                    .description("Costs not written because their idempotency key was already recorded")
                    .register(registry);
            // every counter exists from the start (at zero), and the hot paths look them up without building ids
            for (String op : OPERATIONS) {
                Counter[] byReason = new Counter[REASONS.size()];
                for (int i = 0; i < byReason.length; i++) {
                    String reason = REASONS.get(i);
                    byReason[i] = Counter.builder("sark.budget.charges")
                            .description("Charge decisions (charge, record-and-charge, reserve, settle) by outcome and reason")
                            .tags("operation", op, "outcome", i == NONE_REASON ? "accepted" : "refused", "reason", reason)
                            .register(registry);
                }
                charges.put(op, byReason);
            }
            for (String event : List.of("opened", "settled", "released", "expired")) {
                reservations.put(event, Counter.builder("sark.budget.reservations").description("Reservations by event")
                        .tag("event", event).register(registry));
            }
            for (String path : List.of("single", "batch", "copy")) {
                ledgerRows.put(path, Counter.builder("sark.ledger.rows").description("Cost ledger rows written, by write path")
                        .tag("path", path).register(registry));
            }
        }

        Counter charge(String operation, int reason) {
            return charges.get(operation)[reason];
        }

        Counter reservations(String event) {
            return reservations.get(event);
        }

        Timer timer(MeterRegistry registry, String dao, String operation, String outcome) {
            String key = dao + '.' + operation + '.' + outcome;
            Timer t = timers.get(key);
            return t != null ? t : timers.computeIfAbsent(key, k -> Timer.builder("sark.dao.operations")
                    .description("Duration of DAO operations (opt-in: operationTimers)")
                    .tags("dao", dao, "operation", operation, "outcome", outcome).register(registry));
        }
    }
}
