package org.smsconsole.contact.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A chunk written the set-based way on PostgreSQL: the checked rows are COPied into temporary
 * staging tables (dropped at commit), then moved with one statement per step. Row-by-row INSERTs
 * spent their time in parameter binding and round trips; here the time is the tables' own index
 * maintenance (see docs/benchmarks.md).
 */
final class CopyChunkStore implements ChunkStore {

    // pg_temp comes first in the search path: these names must not be those of real tables.
    private static final String STAGE = "create temp table import_stage (line bigint not null, contact_id bigint not null,"
            + " phone varchar(16) not null, name varchar(200), language varchar(35), time_zone varchar(64),"
            + " zone_given boolean not null, known boolean not null default false) on commit drop";
    private static final String STAGE_ATTRIBUTE = "create temp table import_stage_attribute (line bigint not null,"
            + " name varchar(64) not null, value_text varchar(500) not null) on commit drop";
    private static final String FIND_KNOWN = "update import_stage s set contact_id = c.id, known = true"
            + " from contact c where c.phone = s.phone";

    private static final String ATTRIBUTES = "insert into contact_attribute (contact_id, name, value_text)"
            + " select s.contact_id, a.name, a.value_text from import_stage_attribute a join import_stage s on s.line = a.line";

    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection c;

    CopyChunkStore(Connection c) {
        this.c = c;
    }

    @Override
    public ChunkOutcome rows(List<ImportRow> rows, ImportSettings settings, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return new ChunkOutcome(0, 0);
        }
        if (noneKnown(rows) && copiedDirectly(rows, settings, now)) {
            return new ChunkOutcome(rows.size(), 0);
        }
        stage(rows);
        // Here some numbers are held (or someone added one meanwhile): insert the rest, then mark the held ones known.
        long created;
        try (PreparedStatement p = c.prepareStatement("insert into contact (id, phone, name, language, time_zone, consent,"
                + " created_at, updated_at, version) select contact_id, phone, name, language, time_zone, 'SUBSCRIBED', ?, ?, 0"
                + " from import_stage on conflict (phone) do nothing")) {
            p.setObject(1, now);
            p.setObject(2, now);
            created = p.executeUpdate();
        }
        long known = created < rows.size() ? probing(FIND_KNOWN + " and c.id <> s.contact_id") : 0;
        if (created + known != rows.size()) {
            throw new IllegalStateException("Contacts changed under the import (" + created + " new and " + known
                    + " known of " + rows.size() + " numbers); import the file again");
        }
        execute(ATTRIBUTES + " where not s.known");
        if (settings.updateExisting() && known > 0) {
            nestedLoops(true);
            try (PreparedStatement p = c.prepareStatement("update contact c set name = coalesce(s.name, c.name),"
                    + " language = coalesce(s.language, c.language),"
                    + " time_zone = case when s.zone_given then s.time_zone else c.time_zone end,"
                    + " updated_at = ?, version = c.version + 1 from import_stage s where s.known and c.id = s.contact_id")) {
                p.setObject(1, now);
                p.executeUpdate();
            } finally {
                nestedLoops(false);
            }
            // A given value replaces the stored one; attributes the file leaves empty or does not name stay.
            execute(ATTRIBUTES + " where s.known on conflict (contact_id, name) do update set value_text = excluded.value_text");
        }
        if (settings.groupId() != null) {
            try (PreparedStatement p = c.prepareStatement("insert into group_member (group_id, contact_id, added_at)"
                    + " select ?, contact_id, ? from import_stage on conflict do nothing")) {
                p.setLong(1, settings.groupId());
                p.setObject(2, now);
                p.executeUpdate();
            }
        }
        return new ChunkOutcome(created, known);
    }

    @Override
    public void rejections(long jobId, List<Rejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        try (CopyRows copy = new CopyRows(c, "copy import_rejection (job_id, line_number, reason) from stdin with (format csv)")) {
            for (Rejection r : rejections) {
                copy.number(jobId).number(r.line()).text(ImportChunkWriter.truncate(r.reason(), 500)).endRow();
            }
            copy.finish();
        }
    }

    /** Whether no number of the chunk is held yet: one index probe each, about 25 ms for a chunk. */
    private boolean noneKnown(List<ImportRow> rows) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select 1 from contact where phone = any (?) fetch first 1 rows only")) {
            p.setArray(1, c.createArrayOf("varchar", rows.stream().map(r -> r.details().phone()).toArray()));
            try (ResultSet rs = p.executeQuery()) {
                return !rs.next();
            }
        }
    }

    /**
     * A chunk of new numbers (a first import, a list of new customers) COPied straight into the tables: no staging, no
     * conflict handling, a third less time than the staged way. Someone adding one of the numbers since {@link
     * #noneKnown} makes the unique key refuse it; that undoes the attempt (a savepoint) and returns false, and the
     * chunk goes the staged way.
     */
    private boolean copiedDirectly(List<ImportRow> rows, ImportSettings settings, OffsetDateTime now) throws SQLException {
        execute("savepoint direct_chunk");
        try {
            long[] ids = ContactIdBlocks.reserve(c, rows.size());
            String at = now.toString();
            try (CopyRows copy = new CopyRows(c, "copy contact (id, phone, name, language, time_zone, consent, created_at,"
                    + " updated_at, version) from stdin with (format csv)")) {
                for (int i = 0; i < rows.size(); i++) {
                    var d = rows.get(i).details();
                    copy.number(ids[i]).text(d.phone()).text(d.name()).text(d.language()).text(d.timeZone()).text("SUBSCRIBED")
                            .text(at).text(at).number(0).endRow();
                }
                copy.finish();
            }
            try (CopyRows copy = new CopyRows(c, "copy contact_attribute (contact_id, name, value_text) from stdin with (format csv)")) {
                for (int i = 0; i < rows.size(); i++) {
                    for (Map.Entry<String, String> a : rows.get(i).details().attributes().entrySet()) {
                        copy.number(ids[i]).text(a.getKey()).text(a.getValue()).endRow();
                    }
                }
                copy.finish();
            }
            if (settings.groupId() != null) {
                try (CopyRows copy = new CopyRows(c, "copy group_member (group_id, contact_id, added_at) from stdin with (format csv)")) {
                    for (long id : ids) {
                        copy.number(settings.groupId()).number(id).text(at).endRow();
                    }
                    copy.finish();
                }
            }
            execute("release savepoint direct_chunk");
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            execute("rollback to savepoint direct_chunk");
            return false;
        }
    }

    /** COPies the rows, with ids for all of them (a known number's id is then left unused). */
    private void stage(List<ImportRow> rows) throws SQLException {
        execute(STAGE);
        execute(STAGE_ATTRIBUTE);
        long[] ids = ContactIdBlocks.reserve(c, rows.size());
        try (CopyRows copy = new CopyRows(c, "copy import_stage (line, contact_id, phone, name, language, time_zone, zone_given)"
                + " from stdin with (format csv)")) {
            for (int i = 0; i < rows.size(); i++) {
                ImportRow row = rows.get(i);
                var d = row.details();
                copy.number(row.line()).number(ids[i]).text(d.phone()).text(d.name()).text(d.language()).text(d.timeZone())
                        .bool(row.zoneGiven()).endRow();
            }
            copy.finish();
        }
        try (CopyRows copy = new CopyRows(c, "copy import_stage_attribute (line, name, value_text) from stdin with (format csv)")) {
            for (ImportRow row : rows) {
                for (Map.Entry<String, String> a : row.details().attributes().entrySet()) {
                    copy.number(row.line()).text(a.getKey()).text(a.getValue()).endRow();
                }
            }
            copy.finish();
        }
    }

    /** Runs {@code sql}, a join of the staged rows with contact, as one index probe per staged row. */
    private int probing(String sql) throws SQLException {
        nestedLoops(true);
        try {
            return execute(sql);
        } finally {
            nestedLoops(false);
        }
    }

    /**
     * Leaves the planner one way: a B-tree probe of contact per staged row, tens of milliseconds for a
     * chunk. Its own choices were seen to go wrong in the middle of a big import, when contact's
     * statistics are stale or missing: reading all of contact for a hash join (a second per chunk at a
     * million contacts), or probing the phone trigram index for equality (minutes per chunk). JIT
     * compiling such a cheap statement would cost more than running it.
     */
    private void nestedLoops(boolean only) throws SQLException {
        String value = only ? "off" : "default";
        for (String setting : new String[]{"enable_hashjoin", "enable_mergejoin", "enable_bitmapscan", "jit"}) {
            execute("set local " + setting + " to " + value);
        }
    }

    private int execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}
