package io.sark.migration.internal;

/**
 * What {@code execute} reports: rows and batches per phase, runs by outcome, whether a run is executing. Mentions
 * no Micrometer type, so the engine loads without Micrometer; {@link #of} reaches the Micrometer implementation only
 * when given a registry. Not API.
 */
public interface MigrationMetrics {

    /** Reports nothing. */
    MigrationMetrics NONE = new MigrationMetrics() {
    };

    /** The class name a registry must be (or extend). */
    String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    /**
     * {@link #NONE} for null, else meters in {@code registry}.
     *
     * @throws IllegalArgumentException if {@code registry} is not a Micrometer {@code MeterRegistry}
     */
    static MigrationMetrics of(Object registry) {
        if (registry == null) {
            return NONE;
        }
        for (Class<?> c = registry.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(METER_REGISTRY)) {
                return io.sark.migration.internal.micrometer.MicrometerMigrationMetrics.of(registry);
            }
        }
        throw new IllegalArgumentException("meterRegistry must be a " + METER_REGISTRY + ", got: " + registry.getClass().getName());
    }

    /** A batch of {@code rows} v1 rows of {@code phase} ({@code resources}, {@code capabilities}) was committed. */
    default void batch(String phase, long rows) {
    }

    /** An execute started (true) or ended (false) in this process. */
    default void executing(boolean started) {
    }

    /** A run ended: {@code completed} or {@code failed}. */
    default void runEnded(String status) {
    }
}
