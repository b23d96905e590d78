package org.smsconsole.scheduler.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How far the poller has read Sinch's lists, in the one {@code sending_state} row that every instance on
 * this database shares. A checkpoint only ever moves forward: of two instances finishing the same
 * window, the later time stays.
 */
@ApplicationScoped
@Transactional
public class PollCheckpoints {

    /** Which list; the column is fixed here, never taken from input. */
    public enum Feed {
        DELIVERY_REPORTS("reports_polled_until"), INBOUNDS("inbounds_polled_until");

        private final String column;

        Feed(String column) {
            this.column = column;
        }
    }

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    public Optional<Instant> read(Feed feed) {
        Object value = em.createNativeQuery("select " + feed.column + " from sending_state where id = 1").getSingleResult();
        return Optional.ofNullable(value).map(PollCheckpoints::instant);
    }

    public void advance(Feed feed, Instant until) {
        em.createNativeQuery("update sending_state set " + feed.column + " = ?1 where id = 1 and (" + feed.column + " is null or "
                        + feed.column + " < ?1)")
                .setParameter(1, until).executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
