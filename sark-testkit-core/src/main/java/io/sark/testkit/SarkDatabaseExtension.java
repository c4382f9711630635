package io.sark.testkit;

import io.sark.testkit.internal.DockerProbe;
import io.sark.testkit.internal.TestParameterSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link SarkDatabaseTest}.
 *
 * <ul>
 *   <li>Databases live in the JUnit store of their scope (the class, the method, or the root for
 *       {@link Isolation#SHARED}), so JUnit closes (drops) them when that scope ends, after failures too.</li>
 *   <li>Store access is JUnit's {@code getOrComputeIfAbsent}, which computes once under concurrency: parallel
 *       test classes never share a per-class database, and a shared one is created once.</li>
 *   <li>Settings come from system properties, environment variables and JUnit configuration parameters
 *       ({@link TestkitSettings}); a Testcontainers configuration without a usable Docker engine fails with the
 *       cause, or disables the class with that message when {@code sark.testkit.skip-without-docker=true}.</li>
 * <li>More parameter types ({@code SarkData}, {@code SarkDatabase}) come from {@code sark-testkit} through
 *       {@link TestParameterSource}; they share one clock per test database ({@link SarkDatabaseTest#now()}).</li>
 * </ul>
 * Works with JUnit Jupiter 5.10 and later (compiled against 5.10; JUnit itself comes from the test project).
 */
public final class SarkDatabaseExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SarkDatabaseExtension.class);
    private static final List<TestParameterSource> SOURCES = ServiceLoader.load(TestParameterSource.class,
            SarkDatabaseExtension.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<SarkDatabaseTest> annotation = context.getTestClass().flatMap(SarkDatabaseExtension::find);
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a @SarkDatabaseTest");
        }
        TestkitSettings settings = settings(context);
        if (settings.provider() == Provider.TESTCONTAINERS && settings.skipWithoutDocker() && !DockerProbe.available()) {
            return ConditionEvaluationResult.disabled(DockerProbe.unavailableMessage(settings) + "; skipping ("
                    + TestkitSettings.SKIP_WITHOUT_DOCKER + "=true)");
        }
        return ConditionEvaluationResult.enabled("sark-testkit server: " + settings.server());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (annotation(context).isolation() != Isolation.PER_METHOD) {
            stored(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stored(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DataSource.class || type == DSLContext.class || type == TestDatabase.class
                || SOURCES.stream().anyMatch(source -> source.types().contains(type));
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        StoredDatabase stored = stored(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == DataSource.class) {
            return stored.database().dataSource();
        }
        if (type == DSLContext.class) {
            return stored.database().dsl();
        }
        if (type == TestDatabase.class) {
            return stored.database();
        }
        Object value = stored.values().get(type);
        if (value == null) {
            throw new ParameterResolutionException("unsupported parameter type " + type);
        }
        return value;
    }

    /** The database of this context: the method's, the class's or the run's, created on first use. */
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: deprecated in JUnit 6, the only choice on 5.10
    private static StoredDatabase stored(ExtensionContext context) {
        SarkDatabaseTest annotation = annotation(context);
        Isolation isolation = annotation.isolation();
        String template = annotation.schema() + ":" + annotation.seed().getName();
        ExtensionContext scope;
        String key;
        switch (isolation) {
            case PER_METHOD:
                if (context.getTestMethod().isEmpty()) {
                    throw new ParameterResolutionException("@SarkDatabaseTest(isolation = PER_METHOD) databases exist"
                            + " per test method: inject them into test methods or @BeforeEach/@AfterEach methods, not into"
                            + " constructors or @BeforeAll/@AfterAll (" + context.getDisplayName() + ")");
                }
                scope = context;
                key = "method:" + template;
                break;
            case SHARED:
                scope = context.getRoot();
                key = "shared:" + template;
                break;
            default:
                scope = classContext(context);
                key = "class:" + template;
                break;
        }
        TestkitSettings settings = settings(context);
        return scope.getStore(NAMESPACE).getOrComputeIfAbsent(key + ":" + settings.hashCode(),
                k -> new StoredDatabase(SarkTestDatabases.shared(settings).create(annotation.schema(), annotation.seed()),
                        annotation.dataSeed(), clock(annotation)),
                StoredDatabase.class);
    }

    /** The clock of {@link SarkDatabaseTest#now()}: the system's in UTC, or fixed at that instant. */
    static Clock clock(SarkDatabaseTest annotation) {
        if (annotation.now().isEmpty()) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.parse(annotation.now()), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ParameterResolutionException("@SarkDatabaseTest(now = \"" + annotation.now()
                    + "\") is not an ISO-8601 instant such as 2026-01-15T12:00:00Z", e);
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static TestkitSettings settings(ExtensionContext context) {
        return TestkitSettings.fromEnvironment(p -> context.getConfigurationParameter(p).orElse(null));
    }

    private static SarkDatabaseTest annotation(ExtensionContext context) {
        Class<?> c = context.getTestClass()
                .orElseThrow(() -> new IllegalStateException("@SarkDatabaseTest needs a test class"));
        return find(c).orElseThrow(() -> new IllegalStateException(c.getName() + " is not annotated with @SarkDatabaseTest"));
    }

    /** The annotation on the class, a superclass or an enclosing class ({@code @Nested}). */
    private static Optional<SarkDatabaseTest> find(Class<?> testClass) {
        for (Class<?> k = testClass; k != null; k = k.getEnclosingClass()) {
            Optional<SarkDatabaseTest> a = AnnotationSupport.findAnnotation(k, SarkDatabaseTest.class);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    /**
     * Store entry that drops its database when JUnit closes the scope: JUnit 5.10–5.12 close a
     * {@code CloseableResource}; 5.13+ close an {@code AutoCloseable} (and log a warning for a
     * {@code CloseableResource} that is not one). Implementing both is closed once by either.
     */
    @SuppressWarnings("deprecation")
    private static final class StoredDatabase implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final TestDatabase database;
        private final long dataSeed;
        private final Clock clock;
        private Map<Class<?>, Object> values;

        StoredDatabase(TestDatabase database, long dataSeed, Clock clock) {
            this.database = database;
            this.dataSeed = dataSeed;
            this.clock = clock;
        }

        TestDatabase database() {
            return database;
        }

        /** The values of every {@link TestParameterSource}, made on first use (they may open the pool). */
        synchronized Map<Class<?>, Object> values() {
            if (values == null) {
                Map<Class<?>, Object> all = new HashMap<>();
                for (TestParameterSource source : SOURCES) {
                    all.putAll(source.values(database, dataSeed, clock));
                }
                values = all;
            }
            return values;
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
