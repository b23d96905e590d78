package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.persistence.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages-per-second budgets shared by every instance on the database, per rolling window: each grant of
 * messages gets a slot (the ms it may leave at), placed so that no window of one second plus the guard
 * ({@code SMS_SEND_PACE_GUARD_MS}), wherever it starts, holds more than the scope's rate (the service plan's,
 * a campaign's). Fixed one-second windows let 800 leave within one second at 400/s (the end of one window, the
 * start of the next). Slots are measured on the database's clock on PostgreSQL, so instances whose clocks
 * differ still share one time line; the caller turns a slot into a local deadline with {@link System#nanoTime()}.
 * Reserving is its own short transaction, so claims never wait on the scope rows' locks.
 */
@ApplicationScoped
public class Pacer {

    public static final String PLAN = "plan";
    /** A grant's slot is at least this far ahead, so that its rows can be claimed before it comes. */
    static final long LEAD_MS = 100;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    ReleaseSettings settings;

    /** A budget scope and its messages per second (0: unlimited). */
    public record Scope(String name, int rate) {
    }

    /**
     * Messages that may leave at {@code deadlineNanos} ({@link System#nanoTime()}), or none yet: then ask again
     * in {@code retryInMs}. {@code ids} are the grant rows, one per limited scope.
     */
    public record Grant(int messages, long deadlineNanos, long retryInMs, List<Long> ids) {
        static Grant none(long retryInMs) {
            return new Grant(0, 0, Math.max(1, retryInMs), List.of());
        }

        public boolean granted() {
            return messages > 0;
        }

        /** ms from now until the slot; negative when it has passed. */
        public long millisToSlot() {
            return (deadlineNanos - System.nanoTime()) / 1_000_000;
        }
    }

    /** The window every rate is counted over: one second plus the guard for sends that start a little late. */
    public long windowMs() {
        return 1000 + settings.paceGuard().toMillis();
    }

    /**
     * Up to {@code wanted} messages (capped by the smallest rate) in the earliest slot where they fit every scope,
     * if that slot is at most {@code maxAheadMs} away; otherwise none, with when to ask again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Grant reserve(List<Scope> scopes, int wanted, long maxAheadMs) {
        List<Scope> limited = scopes.stream().filter(s -> s.rate() > 0).sorted(java.util.Comparator.comparing(Scope::name)).toList();
        if (wanted <= 0) {
            return Grant.none(1000);
        }
        if (limited.isEmpty()) {
            return new Grant(wanted, System.nanoTime(), 0, List.of());
        }
        int n = wanted;
        for (Scope s : limited) {
            n = Math.min(n, s.rate());
        }
        int messages = n;
        long window = windowMs();
        return em.unwrap(Session.class).doReturningWork(c -> {
            lock(c, limited);
            long now = nowMs(c); // read under the locks: what other instances granted before is all visible
            long received = System.nanoTime();
            Map<String, List<PaceWindow.Slot>> grants = grants(c, limited, now - window);
            List<List<PaceWindow.Slot>> lists = new ArrayList<>();
            int[] rates = new int[limited.size()];
            for (int i = 0; i < limited.size(); i++) {
                lists.add(grants.getOrDefault(limited.get(i).name(), List.of()));
                rates[i] = limited.get(i).rate();
            }
            long slot = PaceWindow.earliest(lists, rates, messages, now + LEAD_MS, window);
            if (slot - now > maxAheadMs) {
                return Grant.none(slot - now - maxAheadMs);
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement next = c.prepareStatement("select nextval('send_pace_grant_seq')");
                 PreparedStatement ps = c.prepareStatement("insert into send_pace_grant (id, scope, slot_ms, messages) values (?, ?, ?, ?)")) {
                for (Scope s : limited) {
                    long id;
                    try (ResultSet rs = next.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    ps.setLong(1, id);
                    ps.setString(2, s.name());
                    ps.setLong(3, slot);
                    ps.setInt(4, messages);
                    ps.executeUpdate();
                    ids.add(id);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from send_pace_grant where scope in ("
                    + Jdbc.marks(limited.size()) + ") and slot_ms < ?")) {
                int i = Jdbc.bindStrings(ps, 1, limited.stream().map(Scope::name).toList());
                ps.setLong(i, now - 2 * window);
                ps.executeUpdate();
            }
            return new Grant(messages, received + (slot - now) * 1_000_000, 0, List.copyOf(ids));
        });
    }

    /** Returns what a grant did not use (fewer rows were due, or it was not sent in its slot): it never left. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void giveBack(Grant grant, int unused) {
        if (unused <= 0 || grant.ids().isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update send_pace_grant set messages = case when messages > ? then messages - ? else 0 end"
                    + " where id in (" + Jdbc.marks(grant.ids().size()) + ")")) {
                ps.setInt(1, unused);
                ps.setInt(2, unused);
                Jdbc.bindLongs(ps, 3, grant.ids());
                ps.executeUpdate();
            }
        });
    }

    /** The scope rows serialise reservations of one scope; they are taken in name order, so two scopes never deadlock. */
    private static void lock(Connection c, List<Scope> scopes) throws SQLException {
        // Both databases take ON CONFLICT DO NOTHING (H2 in PostgreSQL mode): a first use by two instances at once is harmless.
        try (PreparedStatement ps = c.prepareStatement("insert into send_pace (scope, window_second, used) values (?, 0, 0) on conflict do nothing")) {
            for (Scope s : scopes) {
                ps.setString(1, s.name());
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select scope from send_pace where scope in (" + Jdbc.marks(scopes.size())
                + ") order by scope for update")) {
            Jdbc.bindStrings(ps, 1, scopes.stream().map(Scope::name).toList());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // locked
                }
            }
        }
    }

    private static Map<String, List<PaceWindow.Slot>> grants(Connection c, List<Scope> scopes, long after) throws SQLException {
        Map<String, List<PaceWindow.Slot>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select scope, slot_ms, messages from send_pace_grant where scope in ("
                + Jdbc.marks(scopes.size()) + ") and slot_ms > ? and messages > 0")) {
            int i = Jdbc.bindStrings(ps, 1, scopes.stream().map(Scope::name).toList());
            ps.setLong(i, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PaceWindow.Slot(rs.getLong(2), rs.getInt(3)));
                }
            }
        }
        return out;
    }

    /**
     * Real time, not the console's movable clock: a rate is about seconds as Sinch counts them. PostgreSQL's
     * {@code clock_timestamp()} is one clock for every instance; an H2 file belongs to one instance, whose own clock serves.
     */
    private static long nowMs(Connection c) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgresql")) {
            return System.currentTimeMillis();
        }
        try (PreparedStatement ps = c.prepareStatement("select floor(extract(epoch from clock_timestamp()) * 1000)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
