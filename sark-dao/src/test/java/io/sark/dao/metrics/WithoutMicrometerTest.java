package io.sark.dao.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.SarkConfig;
import io.sark.dao.SarkDatabase;
import io.sark.dao.model.NewCost;
import io.sark.testkit.SarkDatabaseTest;
import io.sark.testkit.TestDatabase;
import java.io.File;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Micrometer is optional: with no Micrometer jar on the class path, the DAO loads and works, and no class that
 * mentions a Micrometer type is loaded. Runs the DAO in a class loader made of the test class path minus Micrometer.
 */
@SarkDatabaseTest
class WithoutMicrometerTest {

    @Test
    void theDaoRunsWithoutMicrometerOnTheClassPath(TestDatabase test) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (entry.contains("micrometer") || entry.contains("HdrHistogram") || entry.contains("LatencyUtils")) {
                removed.add(entry);
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(removed).as("sanity: Micrometer was on the test class path").anyMatch(e -> e.contains("micrometer-core"));
        try (Loader loader = new Loader(urls.toArray(URL[]::new))) {
            assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Object result = loader.loadClass(Probe.class.getName())
                    .getMethod("run", String.class, String.class, String.class, String.class)
                    .invoke(null, test.jdbcUrl(), test.username(), test.password(), test.schema());
            assertThat(result).isEqualTo("accepted, 1 row, refused: IllegalArgumentException");
            assertThat(loader.loaded(SarkDatabase.class.getName())).as("sanity: the DAO ran in this loader").isTrue();
            assertThat(loader.loaded("io.sark.dao.internal.micrometer.MicrometerDaoMetrics")).isFalse();
        }
    }

    /** Runs in the class loader without Micrometer. */
    public static final class Probe {
        public static String run(String url, String user, String password, String schema) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            SarkDatabase db = SarkDatabase.using(ds).withSchema(schema).withMetrics(null);
            boolean accepted = db.budgets().tryCharge("no-micrometer", BigDecimal.ONE, "EUR");
            db.costs().record(NewCost.of("no-micrometer", "r", "c").actual("1"));
            long rows = db.costs().find(io.sark.dao.model.CostQuery.all().principal("no-micrometer")).items().size();
            String refusal;
            try {
                SarkConfig.builder().jdbcUrl(url).username(user).password(password).meterRegistry(new Object()).build();
                refusal = "none";
            } catch (IllegalArgumentException e) {
                refusal = e.getClass().getSimpleName();
            }
            return (accepted ? "accepted" : "refused") + ", " + rows + " row, refused: " + refusal;
        }
    }

    private static final class Loader extends URLClassLoader {
        Loader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
