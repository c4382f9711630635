package io.sark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.schema.jooq.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The embedded server of this JVM plays an external server shared by several test JVMs: each
 * {@link SarkTestDatabases} instance is one JVM.
 */
class ExternalServerTest {

    private static ExternalPostgresServer external() {
        PostgresServer embedded = Databases.server();
        return ExternalPostgresServer.fromUrl(embedded.jdbcUrl("postgres"), embedded.username(), embedded.password());
    }

    private static TestkitSettings externalSettings() {
        return TestkitSettings.of(Map.of(TestkitSettings.SERVER, external().jdbcUrl("postgres"),
                TestkitSettings.USER, Databases.server().username(), TestkitSettings.PASSWORD, Databases.server().password()));
    }

    @Test
    void concurrentInstancesOnOneServerNeverTouchEachOthersDatabases() throws Exception {
        TestkitSettings settings = externalSettings();
        SarkTestDatabases a = new SarkTestDatabases(external(), settings);
        SarkTestDatabases b = new SarkTestDatabases(external(), settings);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            assertThat(a.prefix()).isNotEqualTo(b.prefix()).matches("sark_[a-z0-9]{8}");
            List<Callable<TestDatabase>> work = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                SarkTestDatabases owner = i % 2 == 0 ? a : b;
                work.add(owner::create);
            }
            List<TestDatabase> dbs = new ArrayList<>();
            for (Future<TestDatabase> f : pool.invokeAll(work)) {
                dbs.add(f.get());
            }
            for (TestDatabase db : dbs) {
                assertThat(db.dsl().fetchCount(Tables.RESOURCES)).isZero();
            }
            List<String> aNames = Databases.withPrefix(a.prefix());
            List<String> bNames = Databases.withPrefix(b.prefix());
            assertThat(aNames).hasSize(4).containsExactlyInAnyOrderElementsOf(a.databaseNames()); // 3 clones + template
            assertThat(bNames).hasSize(4).containsExactlyInAnyOrderElementsOf(b.databaseNames());

            // a "JVM" finishing drops all of its databases and none of the other's
            a.close();
            assertThat(Databases.withPrefix(a.prefix())).isEmpty();
            assertThat(Databases.withPrefix(b.prefix())).containsExactlyInAnyOrderElementsOf(bNames);
            TestDatabase stillUsable = dbs.get(1);
            assertThat(stillUsable.name()).startsWith(b.prefix());
            assertThat(stillUsable.dsl().fetchCount(Tables.USERS)).isZero();
            assertThatThrownBy(a::create).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        } finally {
            pool.shutdownNow();
            a.close();
            b.close();
        }
        assertThat(Databases.withPrefix(b.prefix())).isEmpty();
    }

    @Test
    void staleDatabasesOfDeadInstancesAreDroppedOthersAreNot() throws Exception {
        TestkitSettings settings = externalSettings();
        SarkTestDatabases alive = new SarkTestDatabases(external(), settings);
        SarkTestDatabases dead = new SarkTestDatabases(external(), settings);
        SarkTestDatabases cleaner = new SarkTestDatabases(external(), settings);
        String foreign = "sark_zzzzzzzz_foreign";
        String unmarked = dead.prefix() + "_unmarked";
        try {
            TestDatabase aliveDb = alive.create();
            TestDatabase deadDb = dead.create();
            // databases that are not the testkit's, even with a look-alike name, are never touched
            Databases.execute("postgres", "CREATE DATABASE " + foreign);
            Databases.execute("postgres", "CREATE DATABASE " + unmarked);
            List<String> deadNames = Databases.withPrefix(dead.prefix());
            assertThat(deadNames).contains(deadDb.name());

            dead.release(); // the process "dies": its session (and advisory lock) ends, nothing is dropped
            assertThat(Databases.exists(deadDb.name())).isTrue();

            List<String> dropped = cleaner.dropStale();
            assertThat(dropped).containsExactlyInAnyOrderElementsOf(
                    deadNames.stream().filter(n -> !n.equals(unmarked)).toList());
            assertThat(Databases.exists(deadDb.name())).isFalse();
            assertThat(Databases.exists(aliveDb.name())).isTrue();
            assertThat(Databases.exists(foreign)).isTrue();
            assertThat(Databases.exists(unmarked)).isTrue();
            assertThat(aliveDb.dsl().fetchCount(Tables.RESOURCES)).isZero();
            assertThat(cleaner.dropStale()).isEmpty();
        } finally {
            alive.close();
            cleaner.close();
            Databases.execute("postgres", "DROP DATABASE IF EXISTS " + foreign);
            Databases.execute("postgres", "DROP DATABASE IF EXISTS " + unmarked);
        }
    }

    @Test
    void sharedExternalInstanceUsesTheUrlAndUser() {
        SarkTestDatabases shared = SarkTestDatabases.shared(externalSettings());
        assertThat(shared).isSameAs(SarkTestDatabases.shared(externalSettings()));
        assertThat(shared.server()).isInstanceOf(ExternalPostgresServer.class);
        assertThat(shared.server().description()).contains("external PostgreSQL").doesNotContain("password");
        try (TestDatabase db = shared.create("ext_schema")) {
            assertThat(db.dsl().fetchCount(Tables.RESOURCES)).isZero();
            assertThat(db.name()).startsWith(shared.prefix());
        }
    }
}
