package org.smsconsole.inbound;

import org.smsconsole.log.LogText;
import static org.smsconsole.persistence.Jdbc.utc;
import static org.smsconsole.persistence.Jdbc.setTime;
import static org.smsconsole.persistence.Jdbc.setString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.inbox.Conversations;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.inbound.BinaryInbound;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.MediaInbound;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.webhook.WebhookEventType;
import org.smsconsole.webhook.WebhookOutbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps inbound messages (MOs) from the webhook or the poller, once per Sinch id: a callback Sinch repeats,
 * or an MO both posted and polled, is stored once. Only what is new counts in the inbox
 * ({@link Conversations#received}) and is handed to {@link Receiving} (its contact, its keyword), in the same
 * transaction, so that happens exactly once too.
 */
@ApplicationScoped
@Transactional
public class Inbounds {

    /** Longer bodies (an MMS with many media URLs) are cut: better most of it than a callback refused forever. */
    static final int MAX_BODY = 20000;

    private static final Logger LOG = Logger.getLogger(Inbounds.class.getName());

    // nextval per row: a value v owns ids v-49..v, as Hibernate's pooled optimizer (allocation 50) reads it.
    private static final String INSERT = "insert into inbound_message (id, sinch_id, type, from_number, to_number, body, udh,"
            + " received_at, sent_at, stored_at, operator_id, client_reference)"
            + " values (nextval('inbound_message_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Receiving receiving;

    @Inject
    Conversations conversations;

    /** @return true when it was new; false when this Sinch id is already stored (nothing changes) */
    public boolean store(Inbound mo) {
        return insert(List.of(Row.of(mo))) == 1;
    }

    /** A page of the poller; an MO without an id or sender is logged and skipped. Returns how many were new. */
    public int storeAll(List<Inbound> mos) {
        List<Row> rows = new ArrayList<>();
        for (Inbound mo : mos) {
            try {
                rows.add(Row.of(mo));
            } catch (InvalidInputException e) {
                LOG.warning(() -> "Polled inbound skipped (" + e.field() + ": " + LogText.of(e.getMessage()) + ")");
            }
        }
        return insert(rows);
    }

    public Optional<InboundMessage> find(String sinchId) {
        return em.createQuery("select m from InboundMessage m where m.sinchId = :id", InboundMessage.class)
                .setParameter("id", sinchId).getResultStream().findFirst();
    }

    /** Newest first (by the time Sinch received them). */
    public List<InboundMessage> page(InboundSearch search, int first, int size) {
        var query = em.createQuery("select m from InboundMessage m" + where(search) + " order by m.receivedAt desc nulls last, m.id desc",
                InboundMessage.class);
        bind(query, search);
        return query.setFirstResult(first).setMaxResults(size).getResultList();
    }

    public long count(InboundSearch search) {
        var query = em.createQuery("select count(m) from InboundMessage m" + where(search), Long.class);
        bind(query, search);
        return query.getSingleResult();
    }

    private static String where(InboundSearch s) {
        List<String> terms = new ArrayList<>();
        if (s.from() != null) {
            terms.add("m.from = :from");
        }
        if (s.contactId() != null) {
            terms.add("m.contactId = :contact");
        }
        if (s.since() != null) {
            terms.add("m.receivedAt >= :since");
        }
        if (s.until() != null) {
            terms.add("m.receivedAt < :until");
        }
        if (s.keywordAction() != null) {
            terms.add("m.keywordAction = :action");
        }
        if (s.contains() != null && !s.contains().isEmpty()) {
            terms.add("lower(m.body) like :text escape '!'");
        }
        return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
    }

    private static void bind(jakarta.persistence.TypedQuery<?> query, InboundSearch s) {
        if (s.from() != null) {
            query.setParameter("from", s.from());
        }
        if (s.contactId() != null) {
            query.setParameter("contact", s.contactId());
        }
        if (s.since() != null) {
            query.setParameter("since", s.since());
        }
        if (s.until() != null) {
            query.setParameter("until", s.until());
        }
        if (s.keywordAction() != null) {
            query.setParameter("action", s.keywordAction().apiName());
        }
        if (s.contains() != null && !s.contains().isEmpty()) {
            String escaped = s.contains().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            query.setParameter("text", "%" + escaped + "%");
        }
    }

    private int insert(List<Row> unsorted) {
        if (unsorted.isEmpty()) {
            return 0;
        }
        List<Row> rows = new ArrayList<>(unsorted);
        rows.sort(Comparator.comparing(Row::sinchId)); // one key order: concurrent pages never deadlock
        OffsetDateTime now = utc(clock.instant());
        List<Row> fresh = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Row r : rows) {
                    ps.setString(1, r.sinchId());
                    ps.setString(2, r.type());
                    ps.setString(3, r.from());
                    setString(ps, 4, r.to());
                    setString(ps, 5, r.body());
                    setString(ps, 6, r.udh());
                    setTime(ps, 7, r.receivedAt());
                    setTime(ps, 8, r.sentAt());
                    ps.setObject(9, now);
                    setString(ps, 10, r.operatorId());
                    setString(ps, 11, r.clientReference());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        fresh.add(rows.get(i));
                    }
                }
                // Only a newly stored MO is an event: a repeated one publishes nothing.
                WebhookOutbox.publish(c, now.toInstant(), WebhookEventType.INBOUND_RECEIVED, () -> events(c, fresh, now.toInstant()));
            }
        });
        // After the JDBC work (a query on this session inside it would close its connection), in the same transaction.
        conversations.received(fresh.stream()
                .map(r -> new Conversations.Arrival(r.from(), r.receivedAt(), r.type(), r.body())).toList());
        // In the order they were sent: a STOP and then a START on one page leave the contact subscribed.
        fresh.sort(Comparator.comparing(Row::receivedAt, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Row::sinchId));
        for (Row r : fresh) {
            receiving.handle(new Receiving.Arrived(r.sinchId(), r.from(), r.to(), r.text(), r.receivedAt()));
        }
        return fresh.size();
    }

    /** The {@code inbound.received} events of the MOs this transaction stored. */
    private static List<WebhookOutbox.Event> events(Connection c, List<Row> fresh, Instant now) throws SQLException {
        List<WebhookOutbox.Event> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from inbound_message where sinch_id = ?")) {
            for (Row r : fresh) {
                ps.setString(1, r.sinchId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        events.add(new WebhookOutbox.Event(WebhookEventType.INBOUND_RECEIVED, r.receivedAt() == null ? now : r.receivedAt(),
                                WebhookOutbox.data().put("inbound_id", rs.getLong(1)).put("sinch_id", r.sinchId())
                                        .put("message_type", r.type()).put("from", r.from()).put("to", r.to())
                                        .put("text", "mo_text".equals(r.type()) ? r.body() : null)
                                        .put("body", "mo_binary".equals(r.type()) ? r.body() : null).put("udh", r.udh())
                                        .putJson("media", "mo_media".equals(r.type()) ? r.body() : null).put("received_at", r.receivedAt())
                                        .put("sent_at", r.sentAt()).put("operator_id", r.operatorId())
                                        .put("client_reference", r.clientReference()).build()));
                    }
                }
            }
        }
        return events;
    }




    /** An MO as stored: the id and sender are required, the rest is cut to fit rather than refused. */
    private record Row(String sinchId, String type, String from, String to, String body, String udh, Instant receivedAt,
                       Instant sentAt, String operatorId, String clientReference, String text) {

        static Row of(Inbound mo) {
            if (mo.id() == null || mo.id().isBlank() || mo.id().length() > 64) {
                throw new InvalidInputException("id", "An inbound message needs its Sinch id");
            }
            if (mo.from() == null || mo.from().isBlank()) {
                throw new InvalidInputException("from", "An inbound message needs its sender");
            }
            String body;
            String udh = null;
            String text = null; // what a keyword is read from
            if (mo instanceof TextInbound t) {
                body = t.body();
                text = body;
            } else if (mo instanceof BinaryInbound binary) {
                body = binary.body();
                udh = binary.udh();
            } else {
                MediaInbound.Body media = ((MediaInbound) mo).body();
                body = media == null ? null : SinchJson.write(media);
                text = media == null ? null : media.message();
            }
            return new Row(mo.id(), mo.getType(), cut(phone(mo.from()), 32), cut(mo.to(), 32), cut(body, MAX_BODY), cut(udh, 512),
                    mo.receivedAt(), mo.sentAt(), cut(mo.operatorId(), 64), cut(mo.clientReference(), 2048), text);
        }

        /** E.164 with + when the sender is a number (as contacts are stored), else as given. */
        private static String phone(String from) {
            String digits = Msisdn.normalizeLenient(from.trim());
            return digits.matches("[0-9]{1,15}") ? "+" + digits : from.trim();
        }

        private static String cut(String value, int max) {
            return value == null || value.length() <= max ? value : value.substring(0, max);
        }
    }
}
