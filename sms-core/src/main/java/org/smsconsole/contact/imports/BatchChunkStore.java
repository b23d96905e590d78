package org.smsconsole.contact.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk written with plain JDBC, for H2 (development databases): the known numbers looked up,
 * multi-row INSERTs for new contacts and their attributes, batched UPDATEs for known numbers.
 */
final class BatchChunkStore implements ChunkStore {

    private static final int ROWS_PER_INSERT = 200;

    private final Connection c;

    BatchChunkStore(Connection c) {
        this.c = c;
    }

    @Override
    public ChunkOutcome rows(List<ImportRow> rows, ImportSettings settings, OffsetDateTime now) throws SQLException {
        Map<String, Long> existing = existing(rows);
        List<ImportRow> fresh = new ArrayList<>();
        List<ImportRow> known = new ArrayList<>();
        for (ImportRow row : rows) {
            (existing.containsKey(row.details().phone()) ? known : fresh).add(row);
        }
        long[] ids = ContactIdBlocks.reserve(c, fresh.size());
        insertContacts(fresh, ids, now);
        List<Object[]> attributes = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            long id = ids[i];
            fresh.get(i).details().attributes().forEach((k, v) -> attributes.add(new Object[]{id, k, v}));
        }
        insertRows("insert into contact_attribute (contact_id, name, value_text) values ", "(?, ?, ?)", attributes);
        if (settings.updateExisting()) {
            update(known, existing, now);
        }
        if (settings.groupId() != null) {
            List<Object[]> members = new ArrayList<>();
            for (long id : ids) {
                members.add(new Object[]{settings.groupId(), id, now});
            }
            insertRows("insert into group_member (group_id, contact_id, added_at) values ", "(?, ?, ?)", members);
            joinGroup(settings.groupId(), known.stream().map(r -> existing.get(r.details().phone())).toList(), now);
        }
        return new ChunkOutcome(fresh.size(), known.size());
    }

    @Override
    public void rejections(long jobId, List<Rejection> rejections) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rejections.forEach(r -> rows.add(new Object[]{jobId, r.line(), ImportChunkWriter.truncate(r.reason(), 500)}));
        insertRows("insert into import_rejection (job_id, line_number, reason) values ", "(?, ?, ?)", rows);
    }

    private Map<String, Long> existing(List<ImportRow> rows) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < rows.size(); from += 1000) {
            List<ImportRow> slice = rows.subList(from, Math.min(rows.size(), from + 1000));
            String marks = String.join(",", Collections.nCopies(slice.size(), "?"));
            try (PreparedStatement p = c.prepareStatement("select phone, id from contact where phone in (" + marks + ")")) {
                for (int i = 0; i < slice.size(); i++) {
                    p.setString(i + 1, slice.get(i).details().phone());
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return found;
    }

    private void insertContacts(List<ImportRow> rows, long[] ids, OffsetDateTime now) throws SQLException {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            var d = rows.get(i).details();
            values.add(new Object[]{ids[i], d.phone(), d.name(), d.language(), d.timeZone(), now, now});
        }
        insertRows("insert into contact (id, phone, name, language, time_zone, consent, created_at, updated_at, version) values ",
                "(?, ?, ?, ?, ?, 'SUBSCRIBED', ?, ?, 0)", values);
    }

    /** Multi-row INSERTs of {@value #ROWS_PER_INSERT} rows: far fewer round trips than one row per statement. */
    private void insertRows(String insert, String tuple, List<Object[]> rows) throws SQLException {
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
                PreparedStatement p;
                if (slice.size() == ROWS_PER_INSERT) {
                    if (full == null) {
                        full = c.prepareStatement(insert + String.join(", ", Collections.nCopies(ROWS_PER_INSERT, tuple)));
                    }
                    p = full;
                } else {
                    p = c.prepareStatement(insert + String.join(", ", Collections.nCopies(slice.size(), tuple)));
                }
                int index = 1;
                for (Object[] row : slice) {
                    for (Object value : row) {
                        p.setObject(index++, value);
                    }
                }
                p.executeUpdate();
                if (p != full) {
                    p.close();
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
    }

    /** Known numbers in update mode: given fields replace, empty cells keep what is stored. */
    private void update(List<ImportRow> known, Map<String, Long> ids, OffsetDateTime now) throws SQLException {
        if (known.isEmpty()) {
            return;
        }
        try (PreparedStatement contact = c.prepareStatement("update contact set name = coalesce(?, name), language = coalesce(?, language),"
                + " time_zone = coalesce(?, time_zone), updated_at = ?, version = version + 1 where id = ?");
             PreparedStatement drop = c.prepareStatement("delete from contact_attribute where contact_id = ? and name = ?");
             PreparedStatement add = c.prepareStatement("insert into contact_attribute (contact_id, name, value_text) values (?, ?, ?)")) {
            for (ImportRow row : known) {
                long id = ids.get(row.details().phone());
                contact.setString(1, row.details().name());
                contact.setString(2, row.details().language());
                contact.setString(3, row.zoneGiven() ? row.details().timeZone() : null);
                contact.setObject(4, now);
                contact.setLong(5, id);
                contact.addBatch();
                for (var a : row.details().attributes().entrySet()) {
                    drop.setLong(1, id);
                    drop.setString(2, a.getKey());
                    drop.addBatch();
                    add.setLong(1, id);
                    add.setString(2, a.getKey());
                    add.setString(3, a.getValue());
                    add.addBatch();
                }
            }
            contact.executeBatch();
            drop.executeBatch();
            add.executeBatch();
        }
    }

    private void joinGroup(long groupId, List<Long> contactIds, OffsetDateTime now) throws SQLException {
        if (contactIds.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("insert into group_member (group_id, contact_id, added_at) select ?, ?, ?"
                + " where not exists (select 1 from group_member where group_id = ? and contact_id = ?)")) {
            for (Long id : contactIds) {
                p.setLong(1, groupId);
                p.setLong(2, id);
                p.setObject(3, now);
                p.setLong(4, groupId);
                p.setLong(5, id);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
