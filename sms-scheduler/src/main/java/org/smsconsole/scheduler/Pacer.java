package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * Messages-per-second budgets shared by every instance on the database: one row per scope (the
 * service plan, a campaign) counting what was taken in the current second. Reserving is its own
 * short transaction, so claims never queue behind the budget row's lock.
 */
@ApplicationScoped
public class Pacer {

    public static final String PLAN = "plan";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    /** Up to {@code wanted} messages may leave now in {@code scope} at {@code rate} per second (0: unlimited). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int reserve(String scope, int rate, int wanted) {
        if (rate <= 0 || wanted <= 0) {
            return Math.max(0, wanted);
        }
        long second = clock.millis() / 1000;
        return em.unwrap(Session.class).doReturningWork(c -> {
            // Both databases take ON CONFLICT DO NOTHING (H2 in PostgreSQL mode): a first use by two instances at once is harmless.
            try (PreparedStatement ps = c.prepareStatement("insert into send_pace (scope, window_second, used) values (?, ?, 0) on conflict do nothing")) {
                ps.setString(1, scope);
                ps.setLong(2, second);
                ps.executeUpdate();
            }
            int used;
            long window;
            try (PreparedStatement ps = c.prepareStatement("select window_second, used from send_pace where scope = ? for update")) {
                ps.setString(1, scope);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    window = rs.getLong(1);
                    used = rs.getInt(2);
                }
            }
            if (window != second) {
                used = 0;
            }
            int granted = Math.max(0, Math.min(wanted, rate - used));
            try (PreparedStatement ps = c.prepareStatement("update send_pace set window_second = ?, used = ? where scope = ?")) {
                ps.setLong(1, second);
                ps.setInt(2, used + granted);
                ps.setString(3, scope);
                ps.executeUpdate();
            }
            return granted;
        });
    }

    /** Returns what a reservation did not use (fewer rows were due), if still in the same second. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void giveBack(String scope, int unused) {
        if (unused <= 0) {
            return;
        }
        long second = clock.millis() / 1000;
        em.createNativeQuery("update send_pace set used = case when used > ?1 then used - ?1 else 0 end where scope = ?2 and window_second = ?3")
                .setParameter(1, unused).setParameter(2, scope).setParameter(3, second).executeUpdate();
    }

    /** Milliseconds until the next budget window opens. */
    public long untilNextWindow() {
        return 1000 - clock.millis() % 1000;
    }
}
