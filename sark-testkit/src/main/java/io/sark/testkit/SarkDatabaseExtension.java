package io.sark.testkit;

import io.sark.testkit.data.SarkData;
import io.sark.testkit.internal.DockerProbe;
import java.util.Optional;
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
 * </ul>
 * Works with JUnit Jupiter 5.10 and later.
 */
public final class SarkDatabaseExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SarkDatabaseExtension.class);

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
        return type == DataSource.class || type == DSLContext.class || type == TestDatabase.class || type == SarkData.class;
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
        if (type == SarkData.class) {
            return stored.data();
        }
        throw new ParameterResolutionException("unsupported parameter type " + type);
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
                        annotation.dataSeed()),
                StoredDatabase.class);
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

    /** Store entry that drops its database when JUnit closes the scope (JUnit 5.10+ compatible). */
    @SuppressWarnings("deprecation")
    private static final class StoredDatabase implements ExtensionContext.Store.CloseableResource {
        private final TestDatabase database;
        private final long dataSeed;
        private SarkData data;

        StoredDatabase(TestDatabase database, long dataSeed) {
            this.database = database;
            this.dataSeed = dataSeed;
        }

        TestDatabase database() {
            return database;
        }

        synchronized SarkData data() {
            if (data == null) {
                data = SarkData.with(database.dsl(), dataSeed);
            }
            return data;
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
