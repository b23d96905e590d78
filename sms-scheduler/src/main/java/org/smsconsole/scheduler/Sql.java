package org.smsconsole.scheduler;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;

/** Small JDBC helpers: timestamps as UTC {@code timestamp with time zone}, IN lists. */
final class Sql {

    private Sql() {
    }

    static void time(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** {@code ?, ?, ?} for n values. */
    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static int bindLongs(PreparedStatement ps, int from, Collection<Long> values) throws SQLException {
        int i = from;
        for (Long v : values) {
            ps.setLong(i++, v);
        }
        return i;
    }

    static int bindStrings(PreparedStatement ps, int from, Collection<String> values) throws SQLException {
        int i = from;
        for (String v : values) {
            ps.setString(i++, v);
        }
        return i;
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
