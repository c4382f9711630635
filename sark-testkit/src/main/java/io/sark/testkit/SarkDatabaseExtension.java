package io.sark.testkit;

import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link SarkDatabaseTest}. Databases are kept in the JUnit store of the class
 * or method they belong to, so JUnit closes (drops) them when that scope ends, after failures too, and
 * parallel test classes never share one.
 */
public final class SarkDatabaseExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SarkDatabaseExtension.class);
    private static final String KEY = "database";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (settings(context).isolation() == Isolation.PER_CLASS) {
            database(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DataSource.class || type == DSLContext.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestDatabase db = database(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == DataSource.class) {
            return db.dataSource();
        }
        if (type == DSLContext.class) {
            return db.dsl();
        }
        if (type == TestDatabase.class) {
            return db;
        }
        throw new ParameterResolutionException("unsupported parameter type " + type);
    }

    /** The database of this context: the method's (PER_METHOD) or the class's (PER_CLASS). */
    private static TestDatabase database(ExtensionContext context) {
        SarkDatabaseTest settings = settings(context);
        ExtensionContext scope = scope(context, settings.isolation());
        return scope.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, k -> new StoredDatabase(SarkTestDatabases.shared().create(settings.schema())),
                        StoredDatabase.class)
                .database();
    }

    private static ExtensionContext scope(ExtensionContext context, Isolation isolation) {
        if (isolation == Isolation.PER_METHOD && context.getTestMethod().isPresent()) {
            return context;
        }
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static SarkDatabaseTest settings(ExtensionContext context) {
        Optional<Class<?>> testClass = context.getTestClass();
        Class<?> c = testClass.orElseThrow(() -> new IllegalStateException("@SarkDatabaseTest needs a test class"));
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            Optional<SarkDatabaseTest> a = AnnotationSupport.findAnnotation(k, SarkDatabaseTest.class);
            if (a.isPresent()) {
                return a.get();
            }
        }
        throw new IllegalStateException(c.getName() + " is not annotated with @SarkDatabaseTest");
    }

    /** Store entry that drops its database when JUnit closes the scope (JUnit 5.10+ compatible). */
    @SuppressWarnings("deprecation")
    private record StoredDatabase(TestDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            database.close();
        }
    }
}
