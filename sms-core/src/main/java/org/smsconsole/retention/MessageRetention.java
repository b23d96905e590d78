package org.smsconsole.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.contact.DatabaseKind;

import java.time.Duration;
import java.time.Instant;

/**
 * Erases message bodies older than the retention period: an outgoing message's text and media URL, an inbound
 * message's body (text, Base64 of a binary message, JSON of an MMS). Everything else stays (phone numbers,
 * states, times, delivery codes), so every count and figure is unchanged; {@code body_erased_at} marks what was
 * erased so that screens can say so.
 *
 * <p>Each call is one short transaction over at most one batch of rows, oldest first. On PostgreSQL the rows are
 * taken with {@code SKIP LOCKED} (a row the release engine or a delivery report holds is left for the next run)
 * from partial indexes that hold only rows with a body, so a run never walks past what is already erased.
 * Outgoing rows still {@code QUEUED} or {@code SENDING} keep their text: the engine still needs it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class MessageRetention {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    /**
     * Claims this period's run for the calling instance: true for exactly one of several instances sharing the
     * database, and then not again before {@code every} has passed.
     */
    public boolean claimRun(Instant now, Duration every) {
        return em.createNativeQuery("update retention_state set next_run_at = ?1, last_run_at = ?2"
                        + " where id = 1 and (next_run_at is null or next_run_at <= ?2)")
                .setParameter(1, now.plus(every)).setParameter(2, now).executeUpdate() == 1;
    }

    /** Keeps what the last run erased, for the record (the log and the audit log say it too). */
    public void recordRun(long erased) {
        em.createNativeQuery("update retention_state set last_erased = ?1 where id = 1").setParameter(1, erased).executeUpdate();
    }

    /** Erases the text and media URL of up to {@code batch} outgoing messages created before {@code cutoff}. */
    public int eraseOutgoing(Instant cutoff, Instant now, int batch) {
        String kept = "(body is not null or media_url is not null)";
        return em.createNativeQuery("update message set body = null, media_url = null, body_erased_at = ?1 where " + kept
                        + " and id in (select id from message where " + kept + " and created_at < ?2 and state not in ('QUEUED', 'SENDING')"
                        + " order by created_at limit ?3" + skipLocked() + ")")
                .setParameter(1, now).setParameter(2, cutoff).setParameter(3, batch).executeUpdate();
    }

    /** Erases the body of up to {@code batch} inbound messages received before {@code cutoff}. */
    public int eraseInbound(Instant cutoff, Instant now, int batch) {
        return em.createNativeQuery("update inbound_message set body = null, body_erased_at = ?1 where body is not null"
                        + " and id in (select id from inbound_message where body is not null and received_at < ?2"
                        + " order by received_at limit ?3" + skipLocked() + ")")
                .setParameter(1, now).setParameter(2, cutoff).setParameter(3, batch).executeUpdate();
    }

    /**
     * The copies of old message text kept elsewhere: the inbox's snippet of a conversation last active before
     * {@code cutoff}, and outgoing webhook events from before it that no subscriber is still to receive (their
     * payload holds text and numbers; their deliveries go with them). Returns the rows touched.
     */
    public int eraseCopies(Instant cutoff, int batch) {
        int snippets = em.createNativeQuery("update conversation set last_text = null where last_text is not null and last_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
        int events = em.createNativeQuery("delete from webhook_event where id in (select e.id from webhook_event e where e.occurred_at < ?1"
                        + " and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.state in ('PENDING', 'SENDING'))"
                        + " order by e.occurred_at limit ?2)")
                .setParameter(1, cutoff).setParameter(2, batch).executeUpdate();
        return snippets + events;
    }

    /** H2 has no SKIP LOCKED in a subquery; its single development instance does not need it. */
    private String skipLocked() {
        return DatabaseKind.isPostgres(em) ? " for update skip locked" : "";
    }
}
