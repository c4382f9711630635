package io.sark.migration.internal.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sark.migration.internal.MigrationMetrics;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Micrometer meters of the migration engine (names in docs/spring.md); loaded only when a registry was given.
 * One set per registry. Not API.
 */
public final class MicrometerMigrationMetrics implements MigrationMetrics {

    private static final Map<MeterRegistry, MicrometerMigrationMetrics> BY_REGISTRY = new WeakHashMap<>();

    private final AtomicInteger executing = new AtomicInteger();
    private final Map<String, Counter> rows;
    private final Map<String, Counter> batches;
    private final Map<String, Counter> runs;

    private MicrometerMigrationMetrics(MeterRegistry registry) {
        Gauge.builder("sark.migration.executing", executing, AtomicInteger::get)
                .description("Migration executes running in this process").register(registry);
        rows = Map.of("resources", rows(registry, "resources"), "capabilities", rows(registry, "capabilities"));
        batches = Map.of("resources", batches(registry, "resources"), "capabilities", batches(registry, "capabilities"));
        runs = Map.of("completed", runs(registry, "completed"), "failed", runs(registry, "failed"));
    }

    /** The metrics of {@code registry} (a {@code MeterRegistry}, checked by the caller). */
    public static MigrationMetrics of(Object registry) {
        synchronized (BY_REGISTRY) {
            return BY_REGISTRY.computeIfAbsent((MeterRegistry) registry, MicrometerMigrationMetrics::new);
        }
    }

    private static Counter rows(MeterRegistry r, String phase) {
        return Counter.builder("sark.migration.rows").description("v1 rows read by committed migration batches")
                .tag("phase", phase).register(r);
    }

    private static Counter batches(MeterRegistry r, String phase) {
        return Counter.builder("sark.migration.batches").description("Committed migration batches").tag("phase", phase).register(r);
    }

    private static Counter runs(MeterRegistry r, String status) {
        return Counter.builder("sark.migration.runs").description("Migration executes that ended, by status")
                .tag("status", status).register(r);
    }

    @Override
    public void batch(String phase, long rowsRead) {
        Counter r = rows.get(phase);
        if (r != null) {
            r.increment(rowsRead);
            batches.get(phase).increment();
        }
    }

    @Override
    public void executing(boolean started) {
        executing.addAndGet(started ? 1 : -1);
    }

    @Override
    public void runEnded(String status) {
        runs.get(status).increment();
    }
}
