package org.smsconsole.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;

/**
 * The small JDBC helpers every plain-SQL path shares: timestamps as UTC {@code timestamp with time zone}, nulls bound
 * with their type (PostgreSQL and H2 both need it for a bare {@code null}), nullable reads, {@code IN} lists.
 */
public final class Jdbc {

    private Jdbc() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static void setTime(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, utc(value));
        }
    }

    public static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    public static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** {@code ?, ?, ?} for n values. */
    public static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Binds the values from parameter {@code from} on; answers the next free index. */
    public static int bindLongs(PreparedStatement ps, int from, Collection<Long> values) throws SQLException {
        int i = from;
        for (Long v : values) {
            ps.setLong(i++, v);
        }
        return i;
    }

    public static int bindStrings(PreparedStatement ps, int from, Collection<String> values) throws SQLException {
        int i = from;
        for (String v : values) {
            ps.setString(i++, v);
        }
        return i;
    }
}
