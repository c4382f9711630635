package io.sark.testkit.data.internal;

import io.sark.dao.SarkDatabase;
import io.sark.testkit.TestDatabase;
import io.sark.testkit.data.SarkData;
import io.sark.testkit.internal.TestParameterSource;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Not API: makes {@code @SarkDatabaseTest} inject {@link SarkDatabase} and {@link SarkData}. Per test database, one
 * {@code SarkDatabase.using(database.dataSource())} view bound to its schema and the test's clock (it does not own
 * the pool: closing it is a no-op, the extension drops the database), and one {@code SarkData} writing through it.
 */
public final class DaoParameters implements TestParameterSource {

    @Override
    public Set<Class<?>> types() {
        return Set.of(SarkDatabase.class, SarkData.class);
    }

    @Override
    public Map<Class<?>, Object> values(TestDatabase database, long dataSeed, Clock clock) {
        SarkDatabase db = SarkDatabase.using(database.dataSource()).withSchema(database.schema()).withClock(clock);
        return Map.of(SarkDatabase.class, db, SarkData.class, SarkData.with(db, dataSeed));
    }
}
