package io.sark.testkit.internal;

import io.sark.testkit.TestDatabase;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Not API: how {@code sark-testkit} adds parameter types (its {@code SarkData} and the DAO's {@code SarkDatabase})
 * to the extension of {@code sark-testkit-core}, which cannot name them (sark-dao's own tests use the core, so the
 * core cannot depend on sark-dao). Found with {@link java.util.ServiceLoader}; free of JUnit types.
 */
public interface TestParameterSource {

    /** The parameter types this source makes. */
    Set<Class<?>> types();

    /**
     * One value per {@linkplain #types() type} for {@code database}, created once per test database the first time
     * a test asks for one of them. Values must not own {@code database}'s pool: the extension closes it.
     *
     * @param dataSeed the seed of {@code @SarkDatabaseTest(dataSeed)}
     * @param clock    the one clock of this test database's values (system UTC, or the annotation's fixed instant)
     */
    Map<Class<?>, Object> values(TestDatabase database, long dataSeed, Clock clock);
}
