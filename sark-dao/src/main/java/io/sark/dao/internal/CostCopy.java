package io.sark.dao.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams validated costs to PostgreSQL with {@code COPY ... FROM STDIN} (text format) through pgjdbc's
 * CopyManager, in 64 KiB chunks. Internal.
 */
public final class CostCopy {

    /** The column list every COPY of costs uses, in this order. */
    public static final String COLUMNS =
            "\"timestamp\", principal_id, resource_id, capability_id, estimated_cost, actual_cost, currency, idempotency_key, metadata";

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
    private static final int CHUNK = 1 << 16;

    private CostCopy() {
    }

    /**
     * Runs {@code copySql} (a {@code COPY target (COLUMNS [, ord]) FROM STDIN}) on {@code connection} with the
     * rows of {@code costs}; with {@code withOrdinal} each row ends with its index in the list. Returns the rows
     * copied.
     */
    public static long copy(Connection connection, String copySql, List<CostValidation.ValidCost> costs, boolean withOrdinal) {
        CopyIn in = null;
        try {
            in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            StringBuilder sb = new StringBuilder(CHUNK + 4096);
            for (int i = 0; i < costs.size(); i++) {
                appendRow(sb, costs.get(i));
                if (withOrdinal) {
                    sb.append('\t').append(i);
                }
                sb.append('\n');
                if (sb.length() >= CHUNK) {
                    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    sb.setLength(0);
                }
            }
            if (sb.length() > 0) {
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
            }
            long rows = in.endCopy();
            in = null;
            return rows;
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("COPY of costs failed: " + e.getMessage(), e);
        } finally {
            if (in != null && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection reports the original failure
                }
            }
        }
    }

    private static void appendRow(StringBuilder sb, CostValidation.ValidCost c) {
        sb.append(TS.format(c.timestamp())).append('\t');
        escape(sb, c.principalId()).append('\t');
        escape(sb, c.resourceId()).append('\t');
        escape(sb, c.capabilityId()).append('\t');
        amount(sb, c.estimatedCost()).append('\t');
        amount(sb, c.actualCost()).append('\t');
        sb.append(c.currency()).append('\t');
        if (c.idempotencyKey() == null) {
            sb.append("\\N");
        } else {
            escape(sb, c.idempotencyKey());
        }
        sb.append('\t');
        escape(sb, io.sark.schema.json.SarkJson.write(c.metadata()));
    }

    private static StringBuilder amount(StringBuilder sb, java.math.BigDecimal v) {
        return v == null ? sb.append("\\N") : sb.append(v.toPlainString());
    }

    /** COPY text-format escaping: backslash, newline, carriage return and tab. */
    static StringBuilder escape(StringBuilder sb, String s) {
        int first = 0;
        while (first < s.length()) {
            char ch = s.charAt(first);
            if (ch == '\\' || ch == '\n' || ch == '\r' || ch == '\t') {
                break;
            }
            first++;
        }
        sb.append(s, 0, first); // ids rarely need escaping: copy the clean prefix in one go
        for (int i = first; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(ch);
            }
        }
        return sb;
    }

    /** Formats a timestamp like COPY writes it (used by tests and the benchmark baseline). */
    public static String format(OffsetDateTime ts) {
        return TS.format(ts);
    }
}
