package org.smsconsole.contact.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.contact.DatabaseKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one chunk of an import in one transaction with plain JDBC on the container's connection:
 * multi-row INSERTs for new contacts and their attributes, batched UPDATEs for known numbers, the
 * rejections, and the job's counters. Ids come from contact_seq in blocks, the way Hibernate's
 * pooled optimizer reads it (a value v owns ids v-49..v), so entity inserts and imports never collide.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ImportChunkWriter {

    private static final int ROWS_PER_INSERT = 200;
    private static final int ID_BLOCK = 50;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    public void write(long jobId, ImportChunk chunk, ImportSettings settings) {
        if (chunk.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(c -> {
            if (DatabaseKind.isPostgres(c)) {
                // The driver prepares repeated statements on the server; a generic plan made while the table was
                // empty would scan it for every chunk once it holds a million rows. Plan each lookup afresh.
                try (var s = c.createStatement()) {
                    s.execute("set local plan_cache_mode = force_custom_plan");
                }
            }
            Map<String, Long> existing = existing(c, chunk.rows);
            List<ImportRow> fresh = new ArrayList<>();
            List<ImportRow> known = new ArrayList<>();
            for (ImportRow row : chunk.rows) {
                (existing.containsKey(row.details().phone()) ? known : fresh).add(row);
            }
            List<Long> ids = reserveIds(c, fresh.size());
            insertContacts(c, fresh, ids, now);
            List<Object[]> attributes = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                long id = ids.get(i);
                fresh.get(i).details().attributes().forEach((k, v) -> attributes.add(new Object[]{id, k, v}));
            }
            insertRows(c, "insert into contact_attribute (contact_id, name, value_text) values ", "(?, ?, ?)", attributes);
            if (settings.updateExisting()) {
                update(c, known, existing, now);
            }
            if (settings.groupId() != null) {
                List<Object[]> members = new ArrayList<>();
                ids.forEach(id -> members.add(new Object[]{settings.groupId(), id, now}));
                insertRows(c, "insert into group_member (group_id, contact_id, added_at) values ", "(?, ?, ?)", members);
                joinGroup(c, settings.groupId(), known.stream().map(r -> existing.get(r.details().phone())).toList(), now);
            }
            List<Object[]> rejections = new ArrayList<>();
            chunk.rejections.forEach(r -> rejections.add(new Object[]{jobId, r.line(), truncate(r.reason(), 500)}));
            insertRows(c, "insert into import_rejection (job_id, line_number, reason) values ", "(?, ?, ?)", rejections);
            try (PreparedStatement p = c.prepareStatement("update import_job set processed_rows = processed_rows + ?,"
                    + " created_count = created_count + ?, updated_count = updated_count + ?, skipped_count = skipped_count + ?,"
                    + " rejected_count = rejected_count + ? where id = ?")) {
                p.setLong(1, chunk.processed);
                p.setLong(2, fresh.size());
                p.setLong(3, settings.updateExisting() ? known.size() : 0);
                p.setLong(4, settings.updateExisting() ? 0 : known.size());
                p.setLong(5, chunk.rejections.size());
                p.setLong(6, jobId);
                p.executeUpdate();
            }
        });
    }

    public void state(long jobId, ImportState state, String failure) {
        ImportJob job = em.find(ImportJob.class, jobId);
        job.state = state;
        if (state.finished()) {
            job.finishedAt = clock.instant();
            job.failure = truncate(failure, 1000);
            audit.recordAs(job.startedBy, "CONTACTS_IMPORT_FAILED", "import " + jobId, truncate(failure, 500));
        }
    }

    /** Marks the job done, audits it, and refreshes PostgreSQL's statistics after a bulk change. */
    public void finish(long jobId) {
        ImportJob job = em.find(ImportJob.class, jobId);
        job.state = ImportState.DONE;
        job.finishedAt = clock.instant();
        audit.recordAs(job.startedBy, "CONTACTS_IMPORTED", "import " + jobId + " " + (job.fileName == null ? "" : job.fileName),
                job.createdCount + " created, " + job.updatedCount + " updated, " + job.skippedCount + " skipped, "
                        + job.rejectedCount + " rejected of " + job.processedRows + " rows");
        em.unwrap(Session.class).doWork(c -> {
            if (DatabaseKind.isPostgres(c) && job.createdCount > 10_000) {
                try (var s = c.createStatement()) {
                    s.execute("analyze contact");
                    s.execute("analyze contact_attribute");
                }
            }
        });
    }

    private static Map<String, Long> existing(Connection c, List<ImportRow> rows) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < rows.size(); from += 1000) {
            List<ImportRow> slice = rows.subList(from, Math.min(rows.size(), from + 1000));
            String marks = String.join(",", java.util.Collections.nCopies(slice.size(), "?"));
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

    private static List<Long> reserveIds(Connection c, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        if (count == 0) {
            return ids;
        }
        int blocks = (count + ID_BLOCK - 1) / ID_BLOCK + 1; // one spare: a value near 1 owns fewer ids
        String series = DatabaseKind.isPostgres(c) ? "generate_series(1, ?)" : "system_range(1, ?)";
        try (PreparedStatement p = c.prepareStatement("select nextval('contact_seq') from " + series)) {
            p.setInt(1, blocks);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next() && ids.size() < count) {
                    long high = rs.getLong(1);
                    for (long id = Math.max(1, high - ID_BLOCK + 1); id <= high && ids.size() < count; id++) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    private static void insertContacts(Connection c, List<ImportRow> rows, List<Long> ids, OffsetDateTime now) throws SQLException {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            var d = rows.get(i).details();
            values.add(new Object[]{ids.get(i), d.phone(), d.name(), d.language(), d.timeZone(), now, now});
        }
        insertRows(c, "insert into contact (id, phone, name, language, time_zone, consent, created_at, updated_at, version) values ",
                "(?, ?, ?, ?, ?, 'SUBSCRIBED', ?, ?, 0)", values);
    }

    /** Multi-row INSERTs of {@value #ROWS_PER_INSERT} rows: far fewer round trips than one row per statement. */
    private static void insertRows(Connection c, String insert, String tuple, List<Object[]> rows) throws SQLException {
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
                PreparedStatement p;
                if (slice.size() == ROWS_PER_INSERT) {
                    if (full == null) {
                        full = c.prepareStatement(insert + String.join(", ", java.util.Collections.nCopies(ROWS_PER_INSERT, tuple)));
                    }
                    p = full;
                } else {
                    p = c.prepareStatement(insert + String.join(", ", java.util.Collections.nCopies(slice.size(), tuple)));
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
    private static void update(Connection c, List<ImportRow> known, Map<String, Long> ids, OffsetDateTime now) throws SQLException {
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

    private static void joinGroup(Connection c, long groupId, List<Long> contactIds, OffsetDateTime now) throws SQLException {
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

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
