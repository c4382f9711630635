package io.sark.bench.dao;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/**
 * A DataSource that records the SQL of each executed prepared statement with its bind values inlined (pgjdbc's
 * {@code PreparedStatement.toString()}), so the benchmark can EXPLAIN exactly what a DAO method sends through the
 * public API ({@code SarkDatabase.using(capturing)}).
 */
final class SqlCapture {

    private SqlCapture() {
    }

    static DataSource capturing(DataSource target, List<String> captured) {
        return proxy(DataSource.class, target, (m, result) -> m.getName().equals("getConnection")
                ? connection((Connection) result, captured) : result, null);
    }

    private static Connection connection(Connection target, List<String> captured) {
        return proxy(Connection.class, target, (m, result) -> m.getName().equals("prepareStatement")
                ? proxy(PreparedStatement.class, (PreparedStatement) result, (mm, r) -> r, captured) : result, null);
    }

    private interface After {
        Object apply(Method m, Object result) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after, List<String> captureExecutes) {
        return (T) Proxy.newProxyInstance(SqlCapture.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (captureExecutes != null && m.getName().startsWith("execute") && (args == null || args.length == 0)) {
                String text = target.toString(); // HikariCP's proxy prints "HikariProxyPreparedStatement@… wrapping <sql>"
                int wrapping = text.indexOf(" wrapping ");
                captureExecutes.add(wrapping < 0 ? text : text.substring(wrapping + " wrapping ".length()));
            }
            try {
                return after.apply(m, m.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
