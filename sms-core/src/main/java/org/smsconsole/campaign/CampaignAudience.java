package org.smsconsole.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.template.Placeholders;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's recipients: the distinct contacts of its groups. Queued straight from the contact table
 * by the database, so a million recipients cost one statement and no memory.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CampaignAudience {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    /** What a schedule queued: all rows, and those skipped at once for consent. */
    public record Queued(long total, long skipped) {
        public long deliverable() {
            return total - skipped;
        }
    }

    /** Who groups would reach, read-only: distinct contacts, and of them the opted-out and the suppressed (not opted out). */
    public record Count(long total, long optedOut, long suppressed) implements java.io.Serializable {
        public long deliverable() {
            return total - optedOut - suppressed;
        }
    }

    private static final String DISTINCT_MEMBERS = """
            from contact c left join suppressed_number s on s.phone = c.phone
            where exists (select 1 from group_member m where m.contact_id = c.id and m.group_id in (?1))
            """;
    private static final String DELIVERABLE = " and c.consent <> 'OPTED_OUT' and s.phone is null";

    /** Counts what {@link #queue} would queue for these groups, without queueing anything. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Count count(Collection<Long> groupIds) {
        if (groupIds == null || groupIds.isEmpty()) {
            return new Count(0, 0, 0);
        }
        Object[] row = (Object[]) em.createNativeQuery("select count(*),"
                        + " coalesce(sum(case when c.consent = 'OPTED_OUT' then 1 else 0 end), 0),"
                        + " coalesce(sum(case when c.consent <> 'OPTED_OUT' and s.phone is not null then 1 else 0 end), 0) "
                        + DISTINCT_MEMBERS)
                .setParameter(1, List.copyOf(groupIds)).getSingleResult();
        return new Count(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /**
     * The deliverable recipients per country (ISO code, {@code ZZ} unknown). Grouped in the database by the
     * number's first four digits (enough to tell the countries sharing +1 or +7 apart), then one number of each
     * prefix is placed, so a million recipients cost one scan and a few hundred lookups.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> countries(Collection<Long> groupIds) {
        Map<String, Long> byCountry = new LinkedHashMap<>();
        if (groupIds == null || groupIds.isEmpty()) {
            return byCountry;
        }
        List<?> rows = em.createNativeQuery("select min(c.phone), count(*) " + DISTINCT_MEMBERS + DELIVERABLE
                        + " group by substring(c.phone, 1, 5)")
                .setParameter(1, List.copyOf(groupIds)).getResultList();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            byCountry.merge(org.smsconsole.phone.PhoneNumbers.regionOf((String) row[0]), ((Number) row[1]).longValue(), Long::sum);
        }
        return byCountry;
    }

    /** The first {@code max} deliverable recipients' contact ids, for previews and exact part counts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> sample(Collection<Long> groupIds, int max) {
        if (groupIds == null || groupIds.isEmpty()) {
            return List.of();
        }
        List<?> ids = em.createNativeQuery("select c.id " + DISTINCT_MEMBERS + DELIVERABLE + " order by c.id")
                .setParameter(1, List.copyOf(groupIds)).setMaxResults(max).getResultList();
        return ids.stream().map(v -> ((Number) v).longValue()).toList();
    }

    Queued queue(Campaign campaign, Instant sendAt, Instant expireAt, Instant now) {
        // A contact in several groups is one recipient (exists, not a join); contacts hold unique numbers.
        return insertRecipients(campaign.getId(), sendAt, expireAt, now,
                "exists (select 1 from group_member m where m.contact_id = c.id and m.group_id in (?5))", List.copyOf(campaign.getGroupIds()));
    }

    /**
     * Queues {@code copy} for the FAILED recipients of campaign {@code originalId} whose contact still exists, with
     * the same consent rules as {@link #queue}. Answers the rows queued and those skipped.
     */
    Queued queueFailedOf(long originalId, Campaign copy, Instant sendAt, Instant expireAt, Instant now) {
        return insertRecipients(copy.getId(), sendAt, expireAt, now,
                "exists (select 1 from message f where f.contact_id = c.id and f.campaign_id = ?5 and f.state = 'FAILED')", originalId);
    }

    /**
     * One {@code INSERT ... SELECT} of a message per contact matching {@code who} (which binds {@code ?5}): opted-out
     * and suppressed numbers are stored SKIPPED with the reason, the rest QUEUED; nothing is loaded into memory.
     */
    private Queued insertRecipients(long campaignId, Instant sendAt, Instant expireAt, Instant now, String who, Object whoValue) {
        int total = em.createNativeQuery("""
                        insert into message (id, campaign_id, contact_id, phone, kind, state, send_at, due_at, expire_at,
                                             attempts, solo, reason, created_at, status_at)
                        select nextval('message_seq'), ?1, c.id, c.phone, 'CAMPAIGN',
                               case when c.consent = 'OPTED_OUT' or s.phone is not null then 'SKIPPED' else 'QUEUED' end,
                               ?2, ?2, ?3, 0, false,
                               case when c.consent = 'OPTED_OUT' then 'Opted out'
                                    when s.phone is not null then 'On the suppression list' end,
                               ?4,
                               case when c.consent = 'OPTED_OUT' or s.phone is not null then ?4 end
                        from contact c left join suppressed_number s on s.phone = c.phone
                        where\s""" + who)
                .setParameter(1, campaignId).setParameter(2, sendAt).setParameter(3, expireAt)
                .setParameter(4, now).setParameter(5, whoValue).executeUpdate();
        long skipped = total == 0 ? 0 : ((Number) em.createNativeQuery(
                        "select count(*) from message where campaign_id = ?1 and state = 'SKIPPED'")
                .setParameter(1, campaignId).getSingleResult()).longValue();
        return new Queued(total, skipped);
    }

    /** A placeholder some contact can fill: a built-in one or an attribute some contact has. */
    boolean placeholderKnown(String name) {
        return Placeholders.BUILT_IN.contains(name)
                || !em.createNativeQuery("select 1 from contact_attribute where name = ?1 fetch first 1 rows only")
                .setParameter(1, name).getResultList().isEmpty();
    }

    boolean groupMissing(long groupId) {
        return em.createNativeQuery("select 1 from contact_group where id = ?1").setParameter(1, groupId).getResultList().isEmpty();
    }
}
