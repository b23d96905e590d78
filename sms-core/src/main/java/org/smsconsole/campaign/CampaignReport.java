package org.smsconsole.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.smsconsole.csv.CsvWriter;
import org.smsconsole.message.Message;

import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What happened to a campaign's messages: recipients page by page, as CSV, and per minute. */
@ApplicationScoped
@Transactional
public class CampaignReport {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    /** Messages sent, delivered and failed in one minute. */
    public record Minute(Instant start, long sent, long delivered, long failed) {
    }

    /** One recipient's message, newest id last; {@code phone} (optional) is a part of the number. */
    public List<Message> recipients(long campaignId, String phone, int first, int size) {
        TypedQuery<Message> query = em.createQuery("select m from Message m where m.campaignId = :c" + phoneFilter(phone)
                + " order by m.id", Message.class);
        return bind(query, campaignId, phone).setFirstResult(first).setMaxResults(size).getResultList();
    }

    public long countRecipients(long campaignId, String phone) {
        return bind(em.createQuery("select count(m) from Message m where m.campaignId = :c" + phoneFilter(phone), Long.class),
                campaignId, phone).getSingleResult();
    }

    /** Writes the recipients as CSV straight from a cursor, so a large campaign never sits in memory. */
    public long export(long campaignId, String phone, Writer out) {
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("phone", "state", "delivery_status", "delivery_code", "reason", "sent_at", "status_at", "batch_id"));
        long rows = 0;
        TypedQuery<Object[]> query = em.createQuery("select m.phone, m.state, m.deliveryStatus, m.deliveryCode, m.reason,"
                + " m.sentAt, m.statusAt, m.batchId from Message m where m.campaignId = :c" + phoneFilter(phone) + " order by m.id",
                Object[].class).setHint("org.hibernate.fetchSize", 2000);
        try (Stream<Object[]> stream = bind(query, campaignId, phone).getResultStream()) {
            for (Object[] r : (Iterable<Object[]>) stream::iterator) {
                List<String> line = new ArrayList<>(8);
                line.add((String) r[0]); // a stored +E.164 number, not a formula
                for (int i = 1; i < r.length; i++) {
                    line.add(r[i] == null ? "" : CsvWriter.text(r[i].toString()));
                }
                csv.row(line);
                rows++;
            }
        }
        return rows;
    }

    /**
     * Per minute: messages handed to Sinch (by {@code sent_at}), delivered and failed (by {@code status_at}).
     * Bucketed by the database, so the answer is one row per minute however large the campaign.
     */
    public List<Minute> perMinute(long campaignId) {
        Map<Long, long[]> minutes = new TreeMap<>();
        bucket(minutes, "sent_at", "sent_at is not null", 0, campaignId);
        bucket(minutes, "status_at", "state = 'DELIVERED'", 1, campaignId);
        bucket(minutes, "status_at", "state = 'FAILED' and sent_at is not null", 2, campaignId);
        List<Minute> answer = new ArrayList<>(minutes.size());
        minutes.forEach((minute, n) -> answer.add(new Minute(Instant.ofEpochSecond(minute * 60), n[0], n[1], n[2])));
        return answer;
    }

    private void bucket(Map<Long, long[]> minutes, String column, String condition, int slot, long campaignId) {
        String minute = "floor(extract(epoch from " + column + ") / 60)";
        List<?> rows = em.createNativeQuery("select " + minute + ", count(*) from message where campaign_id = ?1 and "
                        + condition + " and " + column + " is not null group by " + minute)
                .setParameter(1, campaignId).getResultList();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            minutes.computeIfAbsent(((Number) row[0]).longValue(), k -> new long[3])[slot] += ((Number) row[1]).longValue();
        }
    }

    private static String phoneFilter(String phone) {
        return digits(phone).isEmpty() ? "" : " and m.phone like :p";
    }

    private static <Q extends TypedQuery<?>> Q bind(Q query, long campaignId, String phone) {
        query.setParameter("c", campaignId);
        if (!digits(phone).isEmpty()) {
            query.setParameter("p", "%" + digits(phone) + "%");
        }
        return query;
    }

    /**
     * Numbers are stored as +digits: a search looks for its digits without leading zeros, so a national
     * "07400 123" and an international "0044 7400" both find +447400123...
     */
    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
    }
}
