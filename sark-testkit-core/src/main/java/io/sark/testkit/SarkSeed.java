package io.sark.testkit;

import org.jooq.DSLContext;

/**
 * Data written once into a template database, before it is frozen, so that every database cloned from it
 * starts with that data (in milliseconds, whatever its size). Name it in {@link SarkDatabaseTest#seed()} or
 * pass it to {@link SarkTestDatabases#create(String, Class)}.
 *
 * <pre>{@code
 * public final class TwoResources implements SarkSeed {
 *     public void seed(DSLContext dsl) {
 *         SarkData data = SarkData.with(dsl, 42);
 *         data.resource().protocol("http").withCapabilities(3).insert();
 *         data.resource().protocol("mcp").insert();
 *     }
 * }
 * }</pre>
 *
 * <p>Contract: the class has a no-argument constructor (any visibility); {@link #seed} runs in one transaction
 * on a {@link DSLContext} whose generated SARK tables render into the template's schema; it is called once
 * per JVM, server, schema and seed class (the template key), so it must be deterministic: tests of one run
 * see the same rows whichever test class happened to create the template.
 */
@FunctionalInterface
public interface SarkSeed {

    /** Writes the seed data. Any exception fails the template and every test that needs it. */
    void seed(DSLContext dsl) throws Exception;

    /** The "no seed" marker, the default of {@link SarkDatabaseTest#seed()}. */
    final class None implements SarkSeed {
        private None() {
        }

        @Override
        public void seed(DSLContext dsl) {
            // nothing
        }
    }
}
