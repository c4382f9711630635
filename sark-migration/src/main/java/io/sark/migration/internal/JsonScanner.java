package io.sark.migration.internal;

import static io.sark.migration.internal.Sql.q;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the v1 JSON values that {@code jsonb} cannot hold as they are: a NUL escape (backslash, {@code u0000})
 * inside a string or key, which the cast to {@code jsonb} refuses, and an object with a key twice, which the cast
 * silently reduces to the last value. Only {@code json} columns can hold either ({@code jsonb} columns are not
 * read). The v1 text is parsed with Jackson, which decodes escapes exactly (an escaped backslash followed by
 * {@code u0000} is no NUL). Not API.
 */
public final class JsonScanner {

    /** What is wrong with a value. */
    public enum Problem { NUL, DUPLICATE_KEYS }

    /**
     * One v1 value jsonb cannot hold as it is.
     *
     * @param table    {@code mcp_servers} or {@code mcp_tools}
     * @param id       the v1 row id
     * @param name     the v1 row name
     * @param column   the v1 column
     * @param problems what is wrong (one or both)
     * @param detail   one line: where (e.g. the duplicated key)
     * @param original the v1 JSON text, exactly as stored
     */
    public record Finding(String table, String id, String name, String column, Set<Problem> problems, String detail,
                          String original) {
        public Finding {
            problems = Set.copyOf(problems);
        }

        /** {@code nul}, {@code duplicate_keys} or {@code nul,duplicate_keys}. */
        public String problemText() {
            return (problems.contains(Problem.NUL) ? "nul" : "") + (problems.size() == 2 ? "," : "")
                    + (problems.contains(Problem.DUPLICATE_KEYS) ? "duplicate_keys" : "");
        }
    }

    /** The v1 columns the mapping casts to jsonb. */
    public static final List<String> SERVER_COLUMNS = List.of("capabilities", "tags", "extra_metadata");
    public static final List<String> TOOL_COLUMNS = List.of("parameters", "parameters_schema", "extra_metadata");

    private static final JsonFactory JSON = new JsonFactory();
    private static final int FETCH = 1_000;

    private JsonScanner() {
    }

    /** The columns of {@code mcp_servers}/{@code mcp_tools} in {@code schema} typed {@code json}, as {@code table.column}. */
    public static Set<String> jsonColumns(Connection c, String schema) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        for (String table : List.of("mcp_servers", "mcp_tools")) {
            for (String column : table.equals("mcp_servers") ? SERVER_COLUMNS : TOOL_COLUMNS) {
                if ("json".equals(Sql.columnType(c, schema, table, column))) {
                    out.add(table + "." + column);
                }
            }
        }
        return out;
    }

    /**
     * Every finding in the {@code json} columns of the v1 tables, servers then tools, each in id order. Reads the
     * tables with a cursor: {@code c} must not be in autocommit mode.
     */
    public static List<Finding> scan(Connection c, String schema) throws SQLException {
        Set<String> json = jsonColumns(c, schema);
        List<Finding> out = new ArrayList<>();
        for (String table : List.of("mcp_servers", "mcp_tools")) {
            List<String> cols = json.stream().filter(x -> x.startsWith(table + ".")).map(x -> x.substring(table.length() + 1)).toList();
            if (cols.isEmpty()) {
                continue;
            }
            StringBuilder sql = new StringBuilder("SELECT id::text, name");
            cols.forEach(col -> sql.append(", ").append(q(col)).append("::text"));
            sql.append(" FROM ").append(q(schema)).append('.').append(q(table)).append(" ORDER BY id");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 0; i < cols.size(); i++) {
                            String text = rs.getString(3 + i);
                            Finding f = text == null ? null : inspect(table, rs.getString(1), rs.getString(2), cols.get(i), text);
                            if (f != null) {
                                out.add(f);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The finding for one JSON text, or null when jsonb holds it as it is. */
    static Finding inspect(String table, String id, String name, String column, String text) {
        // cheap exits: no backslash-u0000 text and no object with two keys at all
        boolean maybeNul = text.contains("\\u0000");
        if (!maybeNul && text.indexOf('{') < 0) {
            return null;
        }
        Set<Problem> problems = new LinkedHashSet<>();
        List<String> details = new ArrayList<>();
        Deque<Set<String>> objects = new ArrayDeque<>();
        try (JsonParser p = JSON.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT -> objects.push(new HashSet<>());
                    case END_OBJECT -> objects.pop();
                    case FIELD_NAME -> {
                        String key = p.currentName();
                        if (key.indexOf('\0') >= 0 && problems.add(Problem.NUL)) {
                            details.add("NUL in a key");
                        }
                        if (!objects.peek().add(key) && problems.add(Problem.DUPLICATE_KEYS)) {
                            details.add("key \"" + key.replace("\0", "\\u0000") + "\" twice in one object");
                        }
                    }
                    case VALUE_STRING -> {
                        if (maybeNul && p.getText().indexOf('\0') >= 0 && problems.add(Problem.NUL)) {
                            details.add("NUL in a string");
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            // PostgreSQL accepted it as json; a text Jackson cannot read is left to the cast (and reported by it)
            return null;
        }
        return problems.isEmpty() ? null : new Finding(table, id, name, column, problems, column + ": " + String.join(", ", details), text);
    }
}
