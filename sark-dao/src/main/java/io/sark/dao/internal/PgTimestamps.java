package io.sark.dao.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Binds a {@code timestamptz} parameter as PostgreSQL's own text form, for statements on the charge path. pgjdbc
 * turns an {@code OffsetDateTime} into the same text, but builds a {@code GregorianCalendar} for each one; a charge
 * binds three. The parameter is sent untyped, so the statement must cast it ({@code ?::timestamptz}), as the
 * charge statements do. Values outside years 1–9999, not in UTC or finer than a microsecond (which the server
 * would round) go through pgjdbc unchanged. Internal.
 */
final class PgTimestamps {

    private PgTimestamps() {
    }

    static void bind(PreparedStatement ps, int index, OffsetDateTime value) throws SQLException {
        if (value.getOffset() != ZoneOffset.UTC || value.getYear() < 1 || value.getYear() > 9999
                || value.getNano() % 1000 != 0) {
            ps.setObject(index, value);
            return;
        }
        ps.setObject(index, text(value), Types.OTHER);
    }

    /** {@code yyyy-MM-dd HH:mm:ss.ffffff+00} of a UTC value in years 1–9999 at microsecond precision. */
    static String text(OffsetDateTime v) {
        char[] c = "0000-00-00 00:00:00.000000+00".toCharArray();
        digits(c, 0, v.getYear(), 4);
        digits(c, 5, v.getMonthValue(), 2);
        digits(c, 8, v.getDayOfMonth(), 2);
        digits(c, 11, v.getHour(), 2);
        digits(c, 14, v.getMinute(), 2);
        digits(c, 17, v.getSecond(), 2);
        digits(c, 20, v.getNano() / 1000, 6);
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
