package io.sark.dao.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * The hot-path lookups: SQL rendered by jOOQ once per (query, schema mapping) and executed with plain JDBC on the
 * context's connection (the caller's transaction, if any), mapping the ResultSet directly. This keeps single-row
 * lookups within a few percent of hand-written JDBC. Internal.
 */
public final class Jdbc {

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface OnConnection<T> {
        T run(Connection c) throws SQLException;
    }

    /** Rendered SQL by schema, then by key: a cached statement is found without building a key or a lambda. */
    private static final Map<String, Map<String, String>> SQL = new ConcurrentHashMap<>();

    private Jdbc() {
    }

    /** The SQL of {@code query} rendered by {@code dsl} (schema mapping applied), cached under {@code key} + schema. */
    public static String sql(DaoContext context, String key, Function<DSLContext, Query> query) {
        Map<String, String> bySchema = SQL.get(context.schema());
        if (bySchema == null) {
            bySchema = SQL.computeIfAbsent(context.schema(), s -> new ConcurrentHashMap<>());
        }
        String sql = bySchema.get(key);
        return sql != null ? sql : bySchema.computeIfAbsent(key, k -> context.dsl().render(query.apply(context.dsl())));
    }

    /**
     * Runs {@code work} on the context's connection (the caller's transaction, if any) straight from its
     * {@link ConnectionProvider}: jOOQ's {@code connectionResult} wraps the connection and builds an execute
     * context on every call, a measurable client cost on the hot paths. SQL errors surface as jOOQ's
     * {@link DataAccessException}, like every other DAO statement, for {@code Errors.translate}.
     */
    public static <T> T onConnection(DSLContext dsl, OnConnection<T> work) {
        ConnectionProvider provider = dsl.configuration().connectionProvider();
        Connection c = provider.acquire();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        } finally {
            provider.release(c);
        }
    }

    /** Runs a one-parameter query and maps its first row. */
    public static <T> Optional<T> one(DaoContext context, String sql, Object param, RowMapper<T> mapper) {
        return Errors.translate(() -> onConnection(context.dsl(), c -> one(c, sql, param, mapper)));
    }

    /**
     * Runs {@code query} rendered with its values inlined (for queries whose literals must reach the planner, so no
     * generic plan is ever used) and maps every row.
     */
    public static <T> List<T> listInlined(DaoContext context, Query query, RowMapper<T> mapper) {
        return list(context, context.dsl().renderInlined(query), mapper);
    }

    /** Runs a query with {@code params} bound in order and maps every row. */
    public static <T> List<T> list(DaoContext context, String sql, RowMapper<T> mapper, Object... params) {
        return Errors.translate(() -> onConnection(context.dsl(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                }
                return rows;
            }
        }));
    }

    private static <T> Optional<T> one(Connection c, String sql, Object param, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        }
    }
}
