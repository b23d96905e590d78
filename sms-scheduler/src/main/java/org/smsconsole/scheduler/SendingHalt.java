package org.smsconsole.scheduler;

import org.smsconsole.log.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.logging.Logger;

/**
 * Whether sending is halted, and why: an account error (401, 403) or failures in a row. Shared by every
 * instance through the database (one row), so all of them stop and resume together; the screens show it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class SendingHalt {

    private static final Logger LOG = Logger.getLogger(SendingHalt.class.getName());

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    ReleaseSettings settings;

    /** The engine's state as staff see it. */
    public record State(boolean halted, String reason, Instant since, int failuresInARow) {
    }

    public State state() {
        Object[] row = (Object[]) em.createNativeQuery("select halted, halt_reason, halted_at, consecutive_failures from sending_state where id = 1")
                .getSingleResult();
        return new State((Boolean) row[0], (String) row[1], instant(row[2]), ((Number) row[3]).intValue());
    }

    public boolean halted() {
        return state().halted();
    }

    /** Stops all sending until a probe succeeds. */
    public void halt(String reason) {
        Instant now = clock.instant();
        int changed = em.createNativeQuery("update sending_state set halted = true, halt_reason = ?1, halted_at = ?2, updated_at = ?2"
                + " where id = 1 and halted = false").setParameter(1, truncate(reason)).setParameter(2, now).executeUpdate();
        if (changed == 1) {
            LOG.warning("Sending halted: " + LogText.of(reason));
            audit.recordAs("system", "SENDING_HALTED", "sending", reason);
        } else {
            em.createNativeQuery("update sending_state set halt_reason = ?1, updated_at = ?2 where id = 1")
                    .setParameter(1, truncate(reason)).setParameter(2, now).executeUpdate();
        }
    }

    /** One more failure in a row (5xx, no connection); halts at the configured count. Answers whether sending is halted now. */
    public boolean failed(String reason) {
        em.createNativeQuery("update sending_state set consecutive_failures = consecutive_failures + 1, updated_at = ?1 where id = 1")
                .setParameter(1, clock.instant()).executeUpdate();
        int failures = ((Number) em.createNativeQuery("select consecutive_failures from sending_state where id = 1").getSingleResult()).intValue();
        if (failures >= settings.haltAfter()) {
            halt(failures + " failures in a row; the last: " + reason);
            return true;
        }
        return false;
    }

    /** A request went through: the count of failures in a row starts again (no write when there is nothing to reset). */
    public void succeeded() {
        em.createNativeQuery("update sending_state set consecutive_failures = 0 where id = 1 and consecutive_failures <> 0").executeUpdate();
    }

    /** A probe succeeded: sending resumes everywhere. */
    public void resume() {
        Instant now = clock.instant();
        int changed = em.createNativeQuery("update sending_state set halted = false, consecutive_failures = 0, updated_at = ?1"
                + " where id = 1 and halted = true").setParameter(1, now).executeUpdate();
        if (changed == 1) {
            LOG.info("Sending resumed: Sinch answered the probe");
            audit.recordAs("system", "SENDING_RESUMED", "sending", "Sinch answered again");
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
