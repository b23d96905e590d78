package org.smsconsole.message;

import org.smsconsole.log.LogText;
import static org.smsconsole.persistence.Jdbc.nullableInt;
import static org.smsconsole.persistence.Jdbc.nullableLong;
import static org.smsconsole.persistence.Jdbc.instant;
import static org.smsconsole.persistence.Jdbc.setTime;
import static org.smsconsole.persistence.Jdbc.setInteger;
import static org.smsconsole.persistence.Jdbc.setString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryStatus;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * Delivery reports in, from the webhook or the poller. Every report is kept in {@code delivery_event}, once:
 * its key is a digest of what it says, so a repeated callback or an overlapping poll stores nothing. A new
 * report moves the message it names by (batch id, recipient) forward only: Queued, Dispatched, then a final
 * status, which never changes again. A report no message matches is kept as an orphan.
 *
 * <p>Set-based on purpose, since callbacks come by the thousand per second: a recipient report is one
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} and one guarded {@code UPDATE} in one short
 * transaction; a batch report or a polled page is the same two statements, batched. Plain JDBC on the
 * container's connection (no entities to load or flush).
 */
@ApplicationScoped
@Transactional
public class DeliveryReceipts {

    private static final Logger LOG = Logger.getLogger(DeliveryReceipts.class.getName());

    // ON CONFLICT DO NOTHING: a duplicate, even one a concurrent transaction is committing at this moment, inserts
    // nothing and raises nothing, so the transaction stays usable (PostgreSQL; H2 too, in PostgreSQL mode, where a
    // concurrent duplicate waits for the first and then inserts nothing). nextval per row: a value v owns ids v-49..v,
    // the way Hibernate's pooled optimizer reads the sequence, so an entity mapped on the table later cannot collide.
    private static final String INSERT = "insert into delivery_event (id, event_key, type, batch_id, recipient, status, code,"
            + " status_count, status_at, orphan, received_at) select nextval('delivery_event_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ";
    private static final String INSERT_RECIPIENT = INSERT
            + "not exists (select 1 from message where batch_id = ? and phone = ?), ? on conflict do nothing";
    private static final String INSERT_SUMMARY = INSERT
            + "not exists (select 1 from message where batch_id = ?), ? on conflict do nothing";

    // SENDING counts too: a report can arrive before the release loop has marked the row SENT (its batch id is stored).
    private static final String FINAL = "update message set state = ?, delivery_status = ?, delivery_code = ?, status_at = ?,"
            + " reason = ? where batch_id = ? and phone = ? and state in ('SENDING', 'SENT')";
    private static final String PROGRESS = "update message set delivery_status = ?, delivery_code = ?, status_at = ?"
            + " where batch_id = ? and phone = ? and state in ('SENDING', 'SENT') and (case when delivery_status is null then 0"
            + " when delivery_status = 'Queued' then 1 when delivery_status = 'Dispatched' then 2 else 3 end) < ?";

    private static final Comparator<DeliveryEvent> BY_MESSAGE = Comparator.comparing(DeliveryEvent::batchId)
            .thenComparing(DeliveryEvent::recipient, Comparator.nullsFirst(Comparator.naturalOrder()));

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    /** A {@code recipient_delivery_report_sms|mms}. */
    public DeliveryReceipt ingest(RecipientDeliveryReport report) {
        return store(List.of(DeliveryEvent.of(report)));
    }

    /** A {@code delivery_report_sms|mms}: full ones per recipient, summary ones per status line. */
    public DeliveryReceipt ingest(BatchDeliveryReport report) {
        return store(DeliveryEvent.of(report));
    }

    /** A page of the poller. A report that makes no sense is logged and skipped: it must not hold the others back. */
    public DeliveryReceipt ingestAll(List<RecipientDeliveryReport> reports) {
        List<DeliveryEvent> events = new ArrayList<>();
        for (RecipientDeliveryReport report : reports) {
            try {
                events.add(DeliveryEvent.of(report));
            } catch (InvalidInputException e) {
                LOG.warning(() -> "Polled delivery report skipped (" + e.field() + ": " + LogText.of(e.getMessage()) + "): " + LogText.of(report));
            }
        }
        return store(events);
    }

    /**
     * Applies a batch's orphan reports to its messages. A report can beat the commit that stores the batch id;
     * the release loop calls this after storing one. Returns the messages whose status moved.
     */
    public int adoptOrphans(String batchId) {
        Instant now = clock.instant();
        return em.unwrap(Session.class).doReturningWork(c -> {
            List<DeliveryEvent> orphans = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select type, recipient, status, code, coalesce(status_at, received_at)"
                    + " from delivery_event where batch_id = ? and orphan = true and recipient is not null")) {
                ps.setString(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orphans.add(new DeliveryEvent(rs.getString(1), batchId, rs.getString(2), rs.getString(3),
                                (Integer) rs.getObject(4), null, rs.getObject(5, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            boolean[] all = new boolean[orphans.size()];
            Arrays.fill(all, true);
            int changed = apply(c, orphans, all, now);
            try (PreparedStatement ps = c.prepareStatement("update delivery_event set orphan = false where batch_id = ? and orphan = true"
                    + " and exists (select 1 from message m where m.batch_id = delivery_event.batch_id"
                    + " and (delivery_event.recipient is null or m.phone = delivery_event.recipient))")) {
                ps.setString(1, batchId);
                ps.executeUpdate();
            }
            return changed;
        });
    }

    private DeliveryReceipt store(List<DeliveryEvent> events) {
        if (events.isEmpty()) {
            return DeliveryReceipt.NONE;
        }
        Instant now = clock.instant();
        // One order for every transaction (inserts by key, updates by message), so overlapping reports never deadlock.
        List<Keyed> keyed = new ArrayList<>(events.size());
        events.forEach(e -> keyed.add(new Keyed(e, e.key())));
        keyed.sort(Comparator.comparing(Keyed::key));
        return em.unwrap(Session.class).doReturningWork(c -> {
            boolean[] fresh = insert(c, keyed, now);
            List<DeliveryEvent> sorted = keyed.stream().map(Keyed::event).toList();
            int stored = 0;
            List<Instant> reportedAt = new ArrayList<>();
            for (int i = 0; i < fresh.length; i++) {
                if (fresh[i]) {
                    stored++;
                    if (sorted.get(i).at() != null) {
                        reportedAt.add(sorted.get(i).at());
                    }
                }
            }
            return new DeliveryReceipt(stored, keyed.size() - stored, apply(c, sorted, fresh, now), reportedAt);
        });
    }

    /** @return per event, whether it was new */
    private static boolean[] insert(Connection c, List<Keyed> events, Instant now) throws SQLException {
        boolean[] fresh = new boolean[events.size()];
        List<Integer> recipients = new ArrayList<>();
        List<Integer> summaries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            (events.get(i).event().recipient() != null ? recipients : summaries).add(i);
        }
        for (boolean perRecipient : new boolean[] {true, false}) {
            List<Integer> rows = perRecipient ? recipients : summaries;
            if (rows.isEmpty()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(perRecipient ? INSERT_RECIPIENT : INSERT_SUMMARY)) {
                for (int row : rows) {
                    DeliveryEvent e = events.get(row).event();
                    int p = 1;
                    ps.setString(p++, events.get(row).key());
                    ps.setString(p++, e.type());
                    ps.setString(p++, e.batchId());
                    setString(ps, p++, e.recipient());
                    ps.setString(p++, e.status());
                    setInteger(ps, p++, e.code());
                    setInteger(ps, p++, e.count());
                    setTime(ps, p++, e.at());
                    ps.setString(p++, e.batchId());
                    if (perRecipient) {
                        ps.setString(p++, e.recipient());
                    }
                    setTime(ps, p, now);
                    if (rows.size() > 1) {
                        ps.addBatch();
                    }
                }
                int[] counts = rows.size() > 1 ? ps.executeBatch() : new int[] {ps.executeUpdate()};
                for (int i = 0; i < rows.size(); i++) {
                    fresh[rows.get(i)] = counts[i] > 0;
                }
            }
        }
        return fresh;
    }

    /** Moves the messages of the new recipient events forward; returns how many moved. */
    private static int apply(Connection c, List<DeliveryEvent> events, boolean[] fresh, Instant now) throws SQLException {
        List<DeliveryEvent> finals = new ArrayList<>();
        List<DeliveryEvent> progress = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            DeliveryEvent e = events.get(i);
            DeliveryStatus status = e.known();
            if (fresh[i] && e.recipient() != null && status != null) {
                (status.isFinal() ? finals : progress).add(e);
            }
        }
        finals.sort(BY_MESSAGE);
        progress.sort(BY_MESSAGE);
        int changed = 0;
        List<DeliveryEvent> moved = new ArrayList<>();
        if (!finals.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(FINAL)) {
                for (DeliveryEvent e : finals) {
                    ps.setString(1, e.finalState().name());
                    ps.setString(2, e.status());
                    setInteger(ps, 3, e.code());
                    setTime(ps, 4, e.at() != null ? e.at() : now);
                    setString(ps, 5, e.reason());
                    ps.setString(6, e.batchId());
                    ps.setString(7, e.recipient());
                    if (finals.size() > 1) {
                        ps.addBatch();
                    }
                }
                changed += moved(finals, finals.size() > 1 ? ps.executeBatch() : new int[] {ps.executeUpdate()}, moved);
            }
        }
        if (!progress.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(PROGRESS)) {
                for (DeliveryEvent e : progress) {
                    ps.setString(1, e.status());
                    setInteger(ps, 2, e.code());
                    setTime(ps, 3, e.at() != null ? e.at() : now);
                    ps.setString(4, e.batchId());
                    ps.setString(5, e.recipient());
                    ps.setInt(6, e.progress());
                    if (progress.size() > 1) {
                        ps.addBatch();
                    }
                }
                changed += moved(progress, progress.size() > 1 ? ps.executeBatch() : new int[] {ps.executeUpdate()}, moved);
            }
        }
        // Only a report that moved its message is an event: a repeated or late one publishes nothing.
        if (!moved.isEmpty()) {
            WebhookOutbox.publish(c, now, WebhookEventType.MESSAGE_STATUS_CHANGED, () -> statusEvents(c, moved, now));
        }
        return changed;
    }

    /** Adds to {@code moved} the events whose update changed a row; returns how many rows changed. */
    private static int moved(List<DeliveryEvent> events, int[] counts, List<DeliveryEvent> moved) {
        int total = 0;
        for (int i = 0; i < counts.length; i++) {
            total += Math.max(counts[i], 0);
            if (counts[i] > 0) {
                moved.add(events.get(i));
            }
        }
        return total;
    }

    /** The {@code message.status_changed} events of the messages these reports moved, as the messages now are. */
    private static List<WebhookOutbox.Event> statusEvents(Connection c, List<DeliveryEvent> moved, Instant now) throws SQLException {
        List<WebhookOutbox.Event> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, campaign_id, contact_id, phone, state, delivery_status, delivery_code,"
                + " reason, batch_id, status_at, sent_at from message where batch_id = ? and phone = ? order by id")) {
            for (DeliveryEvent e : moved) {
                ps.setString(1, e.batchId());
                ps.setString(2, e.recipient());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant statusAt = instant(rs, 10);
                        events.add(new WebhookOutbox.Event(WebhookEventType.MESSAGE_STATUS_CHANGED, statusAt == null ? now : statusAt,
                                WebhookOutbox.data().put("message_id", rs.getLong(1)).put("campaign_id", nullableLong(rs, 2))
                                        .put("contact_id", nullableLong(rs, 3)).put("phone", rs.getString(4))
                                        .put("state", rs.getString(5)).put("delivery_status", rs.getString(6))
                                        .put("code", nullableInt(rs, 7)).put("reason", rs.getString(8))
                                        .put("batch_id", rs.getString(9)).put("status_at", statusAt)
                                        .put("sent_at", instant(rs, 11)).build()));
                    }
                }
            }
        }
        return events;
    }




    private record Keyed(DeliveryEvent event, String key) {
    }
}
