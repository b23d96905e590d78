package org.smsconsole.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignState;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.Contact;
import org.smsconsole.inbound.InboundMessage;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard reads: messages sent, delivered, failed and received per day, the delivery rate, campaigns
 * running and next, the latest replies and opt-outs. Every query is a range or a "latest n" on an indexed
 * column (V16), never a scan of the message table: the per-day figures read the indexes on {@code sent_at},
 * {@code (status_at, state)} and {@code inbound_message.received_at} only.
 */
@ApplicationScoped
@Transactional
public class Dashboard {

    /** The figures are counted per quarter hour in UTC and added up into the viewer's days: every zone's offset is a multiple of it. */
    static final long BUCKET_SECONDS = 900;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    /** One day in the viewer's zone. Failed counts only what Sinch refused or reported failed, see {@link Activity}. */
    public record Day(LocalDate date, long sent, long delivered, long failed, long received) {
    }

    /** An inbound message, newest first, with its contact when the number is known. */
    public record Reply(long id, String from, Long contactId, String contactName, String text, Instant receivedAt, boolean erased) {
    }

    public record OptOut(long contactId, String name, String phone, Instant at, String source) {
    }

    /**
     * Counts per quarter hour (epoch seconds / 900): handed to Sinch (by {@code sent_at}), delivered and failed
     * (state {@code DELIVERED} or {@code FAILED}, by {@code status_at}, when the report or refusal came), and
     * received (by {@code received_at}, Sinch's time).
     */
    public record Activity(Instant from, Instant to, Map<Long, long[]> buckets) {

        /** Adds the quarter hours up into {@code days} days ending with {@code lastDay} in {@code zone}, oldest first. */
        public List<Day> days(ZoneId zone, LocalDate lastDay, int days) {
            LocalDate first = lastDay.minusDays(days - 1L);
            Map<LocalDate, long[]> perDay = new LinkedHashMap<>();
            for (LocalDate d = first; !d.isAfter(lastDay); d = d.plusDays(1)) {
                perDay.put(d, new long[4]);
            }
            buckets.forEach((bucket, n) -> {
                long[] day = perDay.get(Instant.ofEpochSecond(bucket * BUCKET_SECONDS).atZone(zone).toLocalDate());
                if (day != null) {
                    for (int i = 0; i < 4; i++) {
                        day[i] += n[i];
                    }
                }
            });
            List<Day> answer = new ArrayList<>(days);
            perDay.forEach((d, n) -> answer.add(new Day(d, n[0], n[1], n[2], n[3])));
            return answer;
        }
    }

    /**
     * Delivered out of delivered and failed (0 to 1) over the days, counting the messages whose final report (or
     * refusal) came in them; empty when there is none. Waiting, expired, cancelled and skipped messages are not in it.
     */
    public static java.util.OptionalDouble deliveryRate(List<Day> days) {
        long delivered = days.stream().mapToLong(Day::delivered).sum();
        long failed = days.stream().mapToLong(Day::failed).sum();
        return delivered + failed == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of((double) delivered / (delivered + failed));
    }

    /** The window that covers {@code days} days ending with {@code lastDay} in {@code zone}. */
    public static Instant[] window(ZoneId zone, LocalDate lastDay, int days) {
        return new Instant[] {lastDay.minusDays(days - 1L).atStartOfDay(zone).toInstant(), lastDay.plusDays(1).atStartOfDay(zone).toInstant()};
    }

    /** The per-day figures for {@code days} days ending with {@code lastDay} (inclusive) in {@code zone}. */
    public List<Day> perDay(ZoneId zone, LocalDate lastDay, int days) {
        Instant[] window = window(zone, lastDay, days);
        return activity(window[0], window[1]).days(zone, lastDay, days);
    }

    /** Counts per quarter hour in [from, to). */
    public Activity activity(Instant from, Instant to) {
        Map<Long, long[]> buckets = new HashMap<>();
        count(buckets, "message", "sent_at", "sent_at", from, to, 0);
        count(buckets, "message", "status_at", "state", from, to, -1);
        count(buckets, "inbound_message", "received_at", "received_at", from, to, 3);
        return new Activity(from, to, buckets);
    }

    private void count(Map<Long, long[]> buckets, String table, String column, String split, Instant from, Instant to, int slot) {
        String bucket = "floor(extract(epoch from " + column + ") / " + BUCKET_SECONDS + ")";
        boolean byState = slot < 0;
        String sql = "select " + bucket + (byState ? ", state" : "") + ", count(*) from " + table + " where " + column + " >= ?1 and "
                + column + " < ?2" + (byState ? " and state in ('DELIVERED', 'FAILED')" : "") + " group by " + bucket
                + (byState ? ", state" : "");
        List<?> rows = em.createNativeQuery(sql).setParameter(1, from).setParameter(2, to).getResultList();
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            int s = byState ? ("DELIVERED".equals(row[1]) ? 1 : 2) : slot;
            long n = ((Number) row[row.length - 1]).longValue();
            buckets.computeIfAbsent(((Number) row[0]).longValue(), k -> new long[4])[s] += n;
        }
    }

    /** Campaigns being released now (running or paused), oldest start first. */
    public List<Campaign> running(int limit) {
        return em.createQuery("select c from Campaign c where c.state in :s order by c.scheduledAt, c.id", Campaign.class)
                .setParameter("s", List.of(CampaignState.RUNNING, CampaignState.PAUSED)).setMaxResults(limit).getResultList();
    }

    /** Scheduled campaigns that have not started, soonest first. */
    public List<Campaign> nextScheduled(int limit) {
        return em.createQuery("select c from Campaign c where c.state = :s order by c.sendAt, c.id", Campaign.class)
                .setParameter("s", CampaignState.SCHEDULED).setMaxResults(limit).getResultList();
    }

    /** The latest inbound messages with the sender's contact, newest first. */
    public List<Reply> recentReplies(int limit) {
        List<InboundMessage> latest = em.createQuery("select m from InboundMessage m where m.receivedAt is not null"
                + " order by m.receivedAt desc, m.id desc", InboundMessage.class).setMaxResults(limit).getResultList();
        Map<String, Contact> byPhone = new HashMap<>();
        List<String> phones = latest.stream().map(InboundMessage::getFrom).distinct().toList();
        if (!phones.isEmpty()) {
            em.createQuery("select c from Contact c where c.phone in :p", Contact.class).setParameter("p", phones).getResultList()
                    .forEach(c -> byPhone.put(c.getPhone(), c));
        }
        return latest.stream().map(m -> {
            Contact c = byPhone.get(m.getFrom());
            return new Reply(m.getId(), m.getFrom(), c == null ? null : c.getId(), c == null ? null : c.getName(), text(m),
                    m.getReceivedAt(), m.isBodyErased());
        }).toList();
    }

    /** Contacts who opted out most recently (by whatever source: a STOP reply, staff, an import), newest first. */
    public List<OptOut> recentOptOuts(int limit) {
        return em.createQuery("select c from Contact c where c.consent = :o and c.consentChangedAt is not null"
                        + " order by c.consentChangedAt desc, c.id desc", Contact.class)
                .setParameter("o", Consent.OPTED_OUT).setMaxResults(limit).getResultList().stream()
                .map(c -> new OptOut(c.getId(), c.getName(), c.getPhone(), c.getConsentChangedAt(), c.getConsentSource())).toList();
    }

    /** What a reply says, for a one-line list: the text, or an MMS's subject and message. */
    static String text(InboundMessage m) {
        if (m.isBodyErased()) {
            return null;
        }
        String body = m.getBody();
        if (body == null) {
            return "";
        }
        return switch (m.getType()) {
            case "mo_binary" -> "[binary message]";
            case "mo_media" -> media(body);
            default -> body;
        };
    }

    private static String media(String json) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(json))) {
            var o = reader.readObject();
            String subject = o.getString("subject", "");
            String message = o.getString("message", "");
            return ("[MMS] " + subject + (subject.isEmpty() || message.isEmpty() ? "" : ": ") + message).strip();
        } catch (RuntimeException e) {
            return "[MMS]";
        }
    }
}
