package org.smsconsole.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.template.Placeholders;

import java.time.Instant;
import java.util.List;

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

    Queued queue(Campaign campaign, Instant sendAt, Instant expireAt, Instant now) {
        List<Long> groups = List.copyOf(campaign.getGroupIds());
        // A contact in several groups is one recipient (exists, not a join); contacts hold unique numbers.
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
                        where exists (select 1 from group_member m where m.contact_id = c.id and m.group_id in (?5))
                        """)
                .setParameter(1, campaign.getId()).setParameter(2, sendAt).setParameter(3, expireAt)
                .setParameter(4, now).setParameter(5, groups).executeUpdate();
        long skipped = total == 0 ? 0 : ((Number) em.createNativeQuery(
                        "select count(*) from message where campaign_id = ?1 and state = 'SKIPPED'")
                .setParameter(1, campaign.getId()).getSingleResult()).longValue();
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
