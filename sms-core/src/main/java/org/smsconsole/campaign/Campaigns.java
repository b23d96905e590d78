package org.smsconsole.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.message.DeliveryReportMode;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Senders;
import org.smsconsole.template.MessageTemplate;
import org.smsconsole.template.Templates;
import org.smsconsole.text.PlaceholderRenderer;
import org.smsconsole.validation.ConflictException;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns from draft to the end: plan, schedule (one queued message per recipient, queued by one
 * INSERT ... SELECT so the audience never passes through memory), pause, resume, cancel.
 */
@ApplicationScoped
@Transactional
public class Campaigns {

    public static final int MAX_NAME = 200;
    /** As Sinch: a message may wait at most three days. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(3);
    public static final int MAX_RATE = 100_000;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    SecurityContext securityContext;

    @Inject
    CampaignAudience audience;

    public Campaign create(CampaignDraft draft) {
        Instant now = clock.instant();
        Campaign campaign = new Campaign(plan(draft), caller(), now);
        em.persist(campaign);
        em.flush();
        audit.record("CAMPAIGN_CREATED", subject(campaign), campaign.getName());
        return campaign;
    }

    public Campaign change(long id, CampaignDraft draft) {
        Campaign campaign = find(id);
        if (campaign.getState() != CampaignState.DRAFT) {
            throw new ConflictException("Campaign " + id + " is " + campaign.getState() + ": only a draft can be changed");
        }
        campaign.apply(plan(draft), clock.instant());
        audit.record("CAMPAIGN_CHANGED", subject(campaign), campaign.getName());
        return campaign;
    }

    public Campaign get(long id) {
        return find(id);
    }

    public List<Campaign> page(CampaignState state, int first, int size) {
        var query = em.createQuery("select c from Campaign c" + (state == null ? "" : " where c.state = :s")
                + " order by c.createdAt desc, c.id desc", Campaign.class);
        if (state != null) {
            query.setParameter("s", state);
        }
        return query.setFirstResult(first).setMaxResults(size).getResultList();
    }

    public long count(CampaignState state) {
        var query = em.createQuery("select count(c) from Campaign c" + (state == null ? "" : " where c.state = :s"), Long.class);
        if (state != null) {
            query.setParameter("s", state);
        }
        return query.getSingleResult();
    }

    public CampaignCounts counts(long id) {
        find(id);
        return countsOf(id);
    }

    CampaignCounts countsOf(long id) {
        Map<MessageState, Long> counts = new EnumMap<>(MessageState.class);
        for (Object[] row : em.createQuery("select m.state, count(m) from Message m where m.campaignId = :c group by m.state", Object[].class)
                .setParameter("c", id).getResultList()) {
            counts.put((MessageState) row[0], (Long) row[1]);
        }
        return CampaignCounts.of(counts);
    }

    /**
     * Queues one message per distinct contact in the campaign's groups: opted-out and suppressed numbers
     * are stored SKIPPED with the reason (staff see why), the rest QUEUED for {@code send_at}.
     */
    public Campaign schedule(long id) {
        Campaign campaign = find(id);
        if (campaign.getState() != CampaignState.DRAFT) {
            throw new ConflictException("Campaign " + id + " is " + campaign.getState() + ": only a draft can be scheduled");
        }
        Instant now = clock.instant();
        Instant sendAt = campaign.getSendAt() == null || campaign.getSendAt().isBefore(now) ? now : campaign.getSendAt();
        Instant expireAt = campaign.getExpireAt() == null ? sendAt.plus(MAX_VALIDITY) : campaign.getExpireAt();
        if (!expireAt.isAfter(sendAt)) {
            throw new InvalidInputException("expire_at", "The campaign would expire before it starts: expire_at must be after send_at ("
                    + sendAt + ")");
        }
        if (expireAt.isAfter(sendAt.plus(MAX_VALIDITY))) {
            throw new InvalidInputException("expire_at", "expire_at can be at most 3 days after send_at (" + sendAt + ")");
        }
        if (campaign.getGroupIds().isEmpty()) {
            throw new InvalidInputException("group_ids", "Choose at least one group");
        }
        for (String name : PlaceholderRenderer.placeholders(campaign.getBody())) {
            if (!audience.placeholderKnown(name)) {
                throw new InvalidInputException("body", "Unknown placeholder ${" + name + "}: no contact has an attribute '" + name + "'");
            }
        }
        CampaignAudience.Queued queued = audience.queue(campaign, sendAt, expireAt, now);
        if (queued.deliverable() == 0) {
            throw new InvalidInputException("group_ids", queued.total() == 0 ? "The audience is empty: the groups have no members"
                    : "No one in the audience can be messaged: " + queued.skipped() + " opted out or suppressed");
        }
        campaign.scheduled(sendAt, expireAt, queued.total(), now);
        audit.record("CAMPAIGN_SCHEDULED", subject(campaign), queued.deliverable() + " to send at " + sendAt + ", "
                + queued.skipped() + " skipped (opted out or suppressed)");
        return campaign;
    }

    /**
     * A new campaign, scheduled now, to the recipients whose message in campaign {@code id} FAILED (same body, sender,
     * rate and quiet hours). The original keeps its figures; consent is checked again as for any schedule.
     */
    public Campaign resendFailed(long id) {
        Campaign original = find(id);
        Instant now = clock.instant();
        Instant expireAt = now.plus(MAX_VALIDITY);
        String name = original.getName() + " (resend to failed)";
        Campaign copy = new Campaign(new CampaignPlan(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name,
                original.getTemplateId(), original.getBody(), List.of(), original.getSender(), original.getReportMode(), now,
                expireAt, original.getRatePerSecond(), original.getQuietHours()), caller(), now);
        em.persist(copy);
        em.flush();
        CampaignAudience.Queued queued = audience.queueFailedOf(id, copy, now, expireAt, now);
        if (queued.deliverable() == 0) {
            // the transaction rolls back: no empty campaign is left behind
            throw new InvalidInputException("campaign", queued.total() == 0 ? "No failed recipient to send to again"
                    : "None of the failed recipients may be messaged now: " + queued.skipped() + " opted out or suppressed");
        }
        copy.scheduled(now, expireAt, queued.total(), now);
        audit.record("CAMPAIGN_RESENT", subject(copy), "to " + queued.deliverable() + " failed recipients of campaign " + id
                + ", " + queued.skipped() + " skipped (opted out or suppressed)");
        return copy;
    }

    /** A new draft with the campaign's plan, named as a copy, to change and schedule again. */
    public Campaign cloneDraft(long id) {
        Campaign original = find(id);
        String name = "Copy of " + original.getName();
        return create(new CampaignDraft(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name,
                null, original.getBody(), List.copyOf(original.getGroupIds()), original.getSender(),
                original.getReportMode().name(), null, null, original.getRatePerSecond(),
                original.getQuietHours() == null ? null : original.getQuietHours().from(),
                original.getQuietHours() == null ? null : original.getQuietHours().to()));
    }

    /** Nothing more leaves until {@link #resume}; what is already with Sinch goes on. */
    public Campaign pause(long id) {
        Campaign campaign = transition(id, List.of(CampaignState.SCHEDULED, CampaignState.RUNNING), CampaignState.PAUSED);
        audit.record("CAMPAIGN_PAUSED", subject(campaign), null);
        return campaign;
    }

    public Campaign resume(long id) {
        Campaign campaign = find(id);
        CampaignState next = campaign.getSendAt() != null && campaign.getSendAt().isAfter(clock.instant())
                ? CampaignState.SCHEDULED : CampaignState.RUNNING;
        campaign = transition(id, List.of(CampaignState.PAUSED), next);
        audit.record("CAMPAIGN_RESUMED", subject(campaign), null);
        return campaign;
    }

    /**
     * Stops the campaign: what is still queued is CANCELLED here. Answers the Sinch batches that may still
     * hold undelivered messages, for the caller to cancel there.
     */
    public List<String> cancel(long id) {
        Campaign campaign = transition(id, List.of(CampaignState.DRAFT, CampaignState.SCHEDULED, CampaignState.RUNNING,
                CampaignState.PAUSED), CampaignState.CANCELLED);
        int cancelled = em.createNativeQuery("update message set state = 'CANCELLED', reason = 'Campaign cancelled', status_at = ?1"
                        + " where campaign_id = ?2 and state = 'QUEUED'")
                .setParameter(1, clock.instant()).setParameter(2, id).executeUpdate();
        audit.record("CAMPAIGN_CANCELLED", subject(campaign), cancelled + " queued messages cancelled");
        return em.createQuery("select distinct m.batchId from Message m where m.campaignId = :c and m.state = :s and m.batchId is not null",
                String.class).setParameter("c", id).setParameter("s", MessageState.SENT).getResultList();
    }

    private Campaign transition(long id, List<CampaignState> from, CampaignState to) {
        Campaign campaign = find(id);
        if (!from.contains(campaign.getState())) {
            throw new ConflictException("Campaign " + id + " is " + campaign.getState() + ": it cannot become " + to);
        }
        // Conditional update: the release loop on another instance may move the state at the same moment.
        int changed = em.createQuery("update Campaign c set c.state = :to, c.updatedAt = :now, c.version = c.version + 1"
                        + (to.isFinished() ? ", c.finishedAt = :now" : "") + " where c.id = :id and c.state in :from")
                .setParameter("to", to).setParameter("now", clock.instant()).setParameter("id", id).setParameter("from", from)
                .executeUpdate();
        if (changed == 0) {
            throw new ConflictException("Campaign " + id + " changed meanwhile; try again");
        }
        em.refresh(campaign);
        return campaign;
    }

    private CampaignPlan plan(CampaignDraft d) {
        String name = d.name() == null ? "" : d.name().trim();
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "A campaign needs a name");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "At most " + MAX_NAME + " characters");
        }
        String body = d.body() == null || d.body().isBlank() ? null : d.body();
        if (d.templateId() != null && body != null) {
            throw new InvalidInputException("body", "Give a template or a body, not both");
        }
        if (d.templateId() != null) {
            MessageTemplate template = em.find(MessageTemplate.class, d.templateId());
            if (template == null) {
                throw new InvalidInputException("template_id", "No template " + d.templateId());
            }
            body = template.getBody();
        }
        if (body == null) {
            throw new InvalidInputException("body", "Choose a template or write a message");
        }
        if (body.length() > Templates.MAX_BODY) {
            throw new InvalidInputException("body", "At most " + Templates.MAX_BODY + " characters");
        }
        List<Long> groups = d.groupIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.groupIds()));
        for (Long g : groups) {
            if (g == null || audience.groupMissing(g)) {
                throw new InvalidInputException("group_ids", "No group " + g);
            }
        }
        DeliveryReportMode mode;
        try {
            mode = d.reportMode() == null || d.reportMode().isBlank() ? DeliveryReportMode.PER_RECIPIENT_FINAL
                    : DeliveryReportMode.parse(d.reportMode());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("delivery_report", "One of none, summary, full, per_recipient, per_recipient_final");
        }
        if (d.sendAt() != null && d.expireAt() != null) {
            if (!d.expireAt().isAfter(d.sendAt())) {
                throw new InvalidInputException("expire_at", "expire_at must be after send_at");
            }
            if (d.expireAt().isAfter(d.sendAt().plus(MAX_VALIDITY))) {
                throw new InvalidInputException("expire_at", "expire_at can be at most 3 days after send_at");
            }
        } else if (d.expireAt() != null) {
            // No send_at: the campaign goes when scheduled, at the earliest now.
            Instant now = clock.instant();
            if (!d.expireAt().isAfter(now)) {
                throw new InvalidInputException("expire_at", "expire_at is in the past");
            }
            if (d.expireAt().isAfter(now.plus(MAX_VALIDITY))) {
                throw new InvalidInputException("expire_at", "expire_at can be at most 3 days ahead when there is no send_at");
            }
        }
        if (d.ratePerSecond() != null && (d.ratePerSecond() < 1 || d.ratePerSecond() > MAX_RATE)) {
            throw new InvalidInputException("rate_per_second", "Between 1 and " + MAX_RATE + " messages per second");
        }
        QuietHours quiet = null;
        if (d.quietFrom() != null || d.quietTo() != null) {
            try {
                quiet = new QuietHours(d.quietFrom(), d.quietTo());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("quiet_hours", "Quiet hours need a start (from) and a different end (to)");
            }
        }
        return new CampaignPlan(name, d.templateId(), body, groups, Senders.check("from", d.sender()), mode, d.sendAt(),
                d.expireAt(), d.ratePerSecond(), quiet);
    }

    private Campaign find(long id) {
        return Optional.ofNullable(em.find(Campaign.class, id)).orElseThrow(() -> new NotFoundException("Campaign", id));
    }

    private static String subject(Campaign c) {
        return "campaign " + c.getId();
    }

    private String caller() {
        Principal p = securityContext.getCallerPrincipal();
        return p == null ? "system" : p.getName();
    }
}
