package org.smsconsole.contact.imports;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.smsconsole.contact.DatabaseKind;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The contact indexes a bulk import is cheaper without (PostgreSQL only): the search's trigram indexes on name and
 * number, and the list's name order. Kept up to date row by row they cost a million-row import more than half its
 * database time; built once from the finished table, side by side, they cost a few seconds. So an import at least as
 * large as the table it goes into drops them first and builds them at its end, before it reads as done. Meanwhile
 * searches by name or number and the list in name order read the whole table: slower, still right. (The unique
 * number index stays: it is what refuses a number twice.)
 *
 * <p>The rule every console follows: the indexes exist unless an unfinished import has deferred them
 * ({@code import_job.search_indexes_deferred}). Deferring and restoring run under one advisory lock, so two consoles
 * or two imports never interleave them; the last deferring import to end builds them; a console that crashed in
 * between leaves a job the {@link AbandonedImports} watch fails, and its next tick finds the indexes missing with no
 * deferring job and builds them. Statements run outside any transaction on connections of their own: the drop is
 * {@code CONCURRENTLY} (searches and writes on {@code contact} go on); the builds run at once, one per connection,
 * each taking a SHARE lock (searches go on; writes to contacts wait the few seconds it takes).
 */
@ApplicationScoped
public class DeferredContactIndexes {

    /** Smaller imports never touch the schema: their inline index upkeep costs seconds at most. */
    static final long MIN_ROWS = 100_000;
    private static final long LOCK = 0x534d53_696478L; // "SMS" "idx": serialises deferring and restoring
    /** An index as V3 and V4 made it; {@code %s} in the definition is the schema holding pg_trgm. */
    private record Index(String name, String definition) {
        String create(String trigramSchema) {
            return String.format(definition, trigramSchema);
        }
    }

    private static final List<Index> INDEXES = List.of(
            new Index("contact_name_trgm_idx", "create index contact_name_trgm_idx on contact using gin (lower(name) \"%s\".gin_trgm_ops)"),
            new Index("contact_phone_trgm_idx", "create index contact_phone_trgm_idx on contact using gin (phone \"%s\".gin_trgm_ops)"),
            new Index("contact_name_id_idx", "create index contact_name_id_idx on contact (name, id)"));
    private static final Logger LOG = Logger.getLogger(DeferredContactIndexes.class.getName());

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /**
     * Drops the indexes for {@code jobId} when its {@code rows} are at least as many as the contacts already held (the
     * break-even: a build reads every row, upkeep pays per new row about twice what a build pays per row). Returns
     * whether it did; a failure to decide leaves the indexes alone and the import goes on.
     */
    public boolean deferFor(long jobId, long rows) {
        if (rows < MIN_ROWS) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            if (!DatabaseKind.isPostgres(c) || trigramSchema(c) == null) {
                return false;
            }
            c.setAutoCommit(true);
            lock(c);
            try {
                if (contactsHeld(c) > rows) {
                    return false;
                }
                try (PreparedStatement p = c.prepareStatement("update import_job set search_indexes_deferred = true where id = ?")) {
                    p.setLong(1, jobId);
                    p.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    for (Index index : INDEXES) {
                        s.execute("drop index concurrently if exists " + index.name());
                    }
                }
                LOG.info(() -> "Import job " + jobId + " (" + rows + " rows): contact search and name indexes dropped, built again at its end");
                return true;
            } finally {
                unlock(c);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Import job " + jobId + " keeps the contact search indexes", e);
            return false;
        }
    }

    /**
     * Builds whichever index is missing or invalid, unless an unfinished import other than {@code endingJobId} (null:
     * none is ending) has deferred them. Returns how many it built.
     */
    public int restore(Long endingJobId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String schema = DatabaseKind.isPostgres(c) ? trigramSchema(c) : null;
            if (schema == null || missing(c).isEmpty()) {
                return 0; // the usual answer, from one catalogue read
            }
            c.setAutoCommit(true);
            lock(c);
            try {
                if (deferredByOthers(c, endingJobId)) {
                    return 0;
                }
                List<Index> missing = missing(c);
                if (missing.isEmpty()) {
                    return 0; // built by another console while this one waited for the lock
                }
                // One index per connection at once: a build is one backend's work, and the import has finished writing.
                List<Future<?>> others = new ArrayList<>();
                for (Index index : missing.subList(1, missing.size())) {
                    others.add(executor.submit(() -> {
                        try (Connection own = dataSource.getConnection()) {
                            own.setAutoCommit(true);
                            build(own, index, schema);
                        }
                        return null;
                    }));
                }
                build(c, missing.get(0), schema);
                for (Future<?> other : others) {
                    try {
                        other.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("Interrupted while building a contact index", e);
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getCause());
                    }
                }
                return missing.size();
            } finally {
                unlock(c);
            }
        }
    }

    private static void build(Connection c, Index index, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set maintenance_work_mem to '256MB'"); // this pooled session only: sorts the trigrams in memory
            try {
                long t = System.nanoTime();
                s.execute("drop index if exists " + index.name()); // an invalid one, left by a drop that failed half-way
                s.execute(index.create(schema));
                LOG.info(() -> "Contact index " + index.name() + " built in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            } finally {
                s.execute("reset maintenance_work_mem");
            }
        }
    }

    /** Indexes absent or not valid (a concurrent drop that failed half-way leaves an invalid one). */
    private static List<Index> missing(Connection c) throws SQLException {
        List<Index> missing = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("select i.indisvalid from pg_class x join pg_index i on i.indexrelid = x.oid"
                + " where x.relname = ? and x.relnamespace = (select relnamespace from pg_class where oid = 'contact'::regclass)")) {
            for (Index index : INDEXES) {
                p.setString(1, index.name());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        missing.add(index);
                    }
                }
            }
        }
        return missing;
    }

    private static boolean deferredByOthers(Connection c, Long endingJobId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select count(*) from import_job where search_indexes_deferred"
                + " and state in ('QUEUED', 'RUNNING') and id <> ?")) {
            p.setLong(1, endingJobId == null ? -1 : endingJobId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The planner's estimate: exact enough for a break-even, and free at any size. */
    private static long contactsHeld(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select reltuples::bigint from pg_class where oid = 'contact'::regclass")) {
            rs.next();
            long estimate = rs.getLong(1);
            if (estimate >= 0) {
                return estimate;
            }
        }
        // Never analysed (-1): count, which is cheap exactly when that happens on a young table.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from contact")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The schema holding pg_trgm (V4 created the indexes with it), or null where it is not installed. */
    private static String trigramSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select n.nspname from pg_extension e"
                + " join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_lock(" + LOCK + ")");
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_unlock(" + LOCK + ")");
        }
    }
}
