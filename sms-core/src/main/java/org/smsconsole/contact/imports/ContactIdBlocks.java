package org.smsconsole.contact.imports;

import org.smsconsole.contact.DatabaseKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Contact ids for rows written without Hibernate, taken from {@code contact_seq} the way Hibernate's
 * pooled optimizer takes them for {@code Contact} (allocation size 50, the sequence's increment): a
 * value v from nextval owns the ids v-49..v, the first value 1 owns only itself. So whoever calls
 * nextval, Hibernate or an import, owns a block nobody else uses, and ids never collide.
 */
final class ContactIdBlocks {

    static final int BLOCK = 50;

    private ContactIdBlocks() {
    }

    /** {@code count} unused ids, in ascending blocks. */
    static long[] reserve(Connection c, int count) throws SQLException {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        int blocks = (count + BLOCK - 1) / BLOCK + 1; // one spare: the value 1 owns a single id
        String series = DatabaseKind.isPostgres(c) ? "generate_series(1, ?)" : "system_range(1, ?)";
        int taken = 0;
        try (PreparedStatement p = c.prepareStatement("select nextval('contact_seq') from " + series)) {
            p.setInt(1, blocks);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next() && taken < count) {
                    long high = rs.getLong(1);
                    for (long id = Math.max(1, high - BLOCK + 1); id <= high && taken < count; id++) {
                        ids[taken++] = id;
                    }
                }
            }
        }
        if (taken < count) {
            throw new IllegalStateException("contact_seq gave " + taken + " ids for " + count + " rows: is its increment still " + BLOCK + "?");
        }
        return ids;
    }
}
