package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.campaign.QuietHours;
import org.smsconsole.message.DeliveryReportMode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves campaigns along as time passes: scheduled ones start at send_at, what is still queued at
 * expire_at expires (with the reason), and a running campaign with nothing left to send completes.
 * Every change is a conditional update, so instances racing on one database agree.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class CampaignProgress {

    /** How long a finished campaign is still checked for rows a crash left SENDING. */
    private static final Duration RECONCILE_WINDOW = Duration.ofDays(1);

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    public void startDue() {
        Instant now = clock.instant();
        List<?> due = em.createNativeQuery("select id from campaign where state = 'SCHEDULED' and send_at <= ?1").setParameter(1, now).getResultList();
        for (Object id : due) {
            long campaign = ((Number) id).longValue();
            if (move(campaign, "SCHEDULED", "RUNNING", now)) {
                audit.recordAs("system", "CAMPAIGN_STARTED", "campaign " + campaign, "Release began at " + now);
            }
        }
    }

    /** Rows still queued at their expiry are EXPIRED; they never leave (a paused campaign, a halt, a rate too low). */
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        List<?> due = em.createNativeQuery("select id from campaign where state in ('SCHEDULED', 'RUNNING', 'PAUSED') and expire_at <= ?1")
                .setParameter(1, now).getResultList();
        for (Object id : due) {
            long campaign = ((Number) id).longValue();
            int n = em.createNativeQuery("update message set state = 'EXPIRED', reason = ?1, status_at = ?2 where campaign_id = ?3 and state = 'QUEUED'")
                    .setParameter(1, "Too old to send: the campaign expired at " + now + " before its release").setParameter(2, now)
                    .setParameter(3, campaign).executeUpdate();
            expired += n;
            if (nothingLeft(campaign)) {
                for (String from : List.of("SCHEDULED", "RUNNING", "PAUSED")) {
                    if (move(campaign, from, "COMPLETED", now)) {
                        audit.recordAs("system", "CAMPAIGN_EXPIRED", "campaign " + campaign, n + " messages expired unsent");
                    }
                }
            }
        }
        expired += em.createNativeQuery("update message set state = 'EXPIRED', reason = 'Too old to send: it expired before its release', status_at = ?1"
                + " where campaign_id is null and state = 'QUEUED' and expire_at <= ?1").setParameter(1, now).executeUpdate();
        return expired;
    }

    public void completeSettled() {
        Instant now = clock.instant();
        for (Object id : em.createNativeQuery("select id from campaign where state = 'RUNNING'").getResultList()) {
            long campaign = ((Number) id).longValue();
            if (nothingLeft(campaign) && move(campaign, "RUNNING", "COMPLETED", now)) {
                audit.recordAs("system", "CAMPAIGN_COMPLETED", "campaign " + campaign, "Every message released");
            }
        }
    }

    public List<SendStream> running() {
        List<SendStream> streams = new ArrayList<>();
        for (Object o : em.createNativeQuery("select id, body, sender, report_mode, rate_per_second, quiet_from_minute, quiet_to_minute"
                + " from campaign where state = 'RUNNING' order by id").getResultList()) {
            Object[] r = (Object[]) o;
            streams.add(new SendStream(((Number) r[0]).longValue(), (String) r[1], (String) r[2], DeliveryReportMode.valueOf((String) r[3]),
                    r[4] == null ? null : ((Number) r[4]).intValue(),
                    QuietHours.ofMinutes(r[5] == null ? null : ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).intValue())));
        }
        return streams;
    }

    /** Campaigns whose rows may sit SENDING past a lease: active ones and those finished lately. */
    public List<Long> reconcilable() {
        List<Long> ids = new ArrayList<>();
        for (Object id : em.createNativeQuery("select id from campaign where state in ('RUNNING', 'PAUSED')"
                + " or (state in ('COMPLETED', 'CANCELLED') and finished_at > ?1)").setParameter(1, clock.instant().minus(RECONCILE_WINDOW))
                .getResultList()) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }

    private boolean nothingLeft(long campaign) {
        return em.createNativeQuery("select 1 from message where campaign_id = ?1 and state in ('QUEUED', 'SENDING') fetch first 1 rows only")
                .setParameter(1, campaign).getResultList().isEmpty();
    }

    private boolean move(long campaign, String from, String to, Instant now) {
        return em.createNativeQuery("update campaign set state = ?1, updated_at = ?2, version = version + 1"
                        + ("COMPLETED".equals(to) ? ", finished_at = ?2" : "") + " where id = ?3 and state = ?4")
                .setParameter(1, to).setParameter(2, now).setParameter(3, campaign).setParameter(4, from).executeUpdate() == 1;
    }
}
