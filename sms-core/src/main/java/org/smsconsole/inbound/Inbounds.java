package org.smsconsole.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
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
 * or an MO both posted and polled, is stored once. The inbox and STOP handling come later; until then
 * nothing that arrives is lost.
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
                LOG.warning(() -> "Polled inbound skipped (" + e.field() + ": " + e.getMessage() + ")");
            }
        }
        return insert(rows);
    }

    public Optional<InboundMessage> find(String sinchId) {
        return em.createQuery("select m from InboundMessage m where m.sinchId = :id", InboundMessage.class)
                .setParameter("id", sinchId).getResultStream().findFirst();
    }

    private int insert(List<Row> unsorted) {
        if (unsorted.isEmpty()) {
            return 0;
        }
        List<Row> rows = new ArrayList<>(unsorted);
        rows.sort(Comparator.comparing(Row::sinchId)); // one key order: concurrent pages never deadlock
        OffsetDateTime now = utc(clock.instant());
        return em.unwrap(Session.class).doReturningWork(c -> {
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
                int stored = 0;
                List<Row> fresh = new ArrayList<>();
                for (int i = 0; i < counts.length; i++) {
                    stored += Math.max(counts[i], 0);
                    if (counts[i] > 0) {
                        fresh.add(rows.get(i));
                    }
                }
                // Only a newly stored MO is an event: a repeated one publishes nothing.
                WebhookOutbox.publish(c, now.toInstant(), WebhookEventType.INBOUND_RECEIVED, () -> events(c, fresh, now.toInstant()));
                return stored;
            }
        });
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

    private static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static void setTime(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, utc(value));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** An MO as stored: the id and sender are required, the rest is cut to fit rather than refused. */
    private record Row(String sinchId, String type, String from, String to, String body, String udh, Instant receivedAt,
                       Instant sentAt, String operatorId, String clientReference) {

        static Row of(Inbound mo) {
            if (mo.id() == null || mo.id().isBlank() || mo.id().length() > 64) {
                throw new InvalidInputException("id", "An inbound message needs its Sinch id");
            }
            if (mo.from() == null || mo.from().isBlank()) {
                throw new InvalidInputException("from", "An inbound message needs its sender");
            }
            String body;
            String udh = null;
            if (mo instanceof TextInbound text) {
                body = text.body();
            } else if (mo instanceof BinaryInbound binary) {
                body = binary.body();
                udh = binary.udh();
            } else {
                MediaInbound.Body media = ((MediaInbound) mo).body();
                body = media == null ? null : SinchJson.write(media);
            }
            return new Row(mo.id(), mo.getType(), cut(phone(mo.from()), 32), cut(mo.to(), 32), cut(body, MAX_BODY), cut(udh, 512),
                    mo.receivedAt(), mo.sentAt(), cut(mo.operatorId(), 64), cut(mo.clientReference(), 2048));
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
