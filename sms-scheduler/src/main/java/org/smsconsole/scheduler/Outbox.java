package org.smsconsole.scheduler;

import org.smsconsole.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.contact.ContactTimeZones;
import org.smsconsole.phone.InvalidPhoneNumberException;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.message.DeliveryReportMode;
import org.smsconsole.message.MessageKind;
import org.smsconsole.text.PlaceholderRenderer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outbound queue as the release engine sees it. Every method is one short transaction of its
 * own, so a claim is committed (rows SENDING, leased, each carrying the client_reference of the
 * one Sinch batch it goes in) before any request leaves, and a crash never leaves work unaccounted.
 */
@ApplicationScoped
public class Outbox {

    private static final String COLUMNS = "id, contact_id, phone, kind, body, sender, media_url, report_mode, expire_at, attempts, solo";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ReleaseSettings settings;

    @Inject
    SinchSettings sinch;

    /** What one claim did: the batches to send now, and the rows it settled without sending. */
    public record Claim(List<OutgoingBatch> batches, int locked, int expired, int skipped, int deferred) {
        public int claimed() {
            return batches.stream().mapToInt(OutgoingBatch::size).sum();
        }
    }

    /**
     * A Sinch batch whose rows are SENDING past their lease (its sender died, or met a failure that may have been
     * applied): to look up by reference. {@code doubtUntil}: before it, not finding the batch decides nothing.
     */
    public record LeasedBatch(String clientReference, List<Long> ids, Instant claimedAt, Instant doubtUntil) {
    }

    /**
     * Locks up to {@code limit} due rows of the stream ({@code FOR UPDATE SKIP LOCKED}: concurrent claims
     * on other instances take other rows), settles the expired, opted-out and quiet-hour ones, and commits
     * the rest SENDING.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claim(SendStream stream, int limit) {
        Instant now = clock.instant();
        // Read before the JDBC work: settings may come from the database, and a query on this session inside
        // doReturningWork would release (close) the very connection the work is using.
        Optional<String> callbackUrl = sinch.callbackUrl();
        return work(c -> {
            if (stream.isCampaign() && !releasable(c, stream.campaignId())) {
                return new Claim(List.of(), 0, 0, 0, 0); // paused or cancelled since the tick began
            }
            List<ClaimedMessage> rows = lockDue(c, stream, limit, now);
            if (rows.isEmpty()) {
                return new Claim(List.of(), 0, 0, 0, 0);
            }
            Map<Long, Recipient> recipients = recipients(c, stream, rows);
            List<ClaimedMessage> sendable = new ArrayList<>();
            List<Object[]> settled = new ArrayList<>(); // id, state, reason
            List<Object[]> deferred = new ArrayList<>(); // id, due_at
            int expired = 0;
            int skipped = 0;
            for (ClaimedMessage row : rows) {
                Recipient r = recipients.getOrDefault(row.id(), Recipient.UNKNOWN);
                if (!row.expireAt().isAfter(now)) {
                    settled.add(new Object[] {row.id(), "EXPIRED", "Too old to send: it expired at " + row.expireAt() + " before its release"});
                    expired++;
                } else if (row.kind() != MessageKind.COMPLIANCE && (r.optedOut() || r.suppressed())) {
                    settled.add(new Object[] {row.id(), "SKIPPED", r.skipReason()});
                    skipped++;
                } else if (stream.quietHours() != null && r.timeZone() != null) {
                    Instant allowed = stream.quietHours().nextAllowed(now, ZoneId.of(r.timeZone()));
                    if (allowed.equals(now)) {
                        sendable.add(row);
                    } else if (!allowed.isBefore(row.expireAt())) {
                        settled.add(new Object[] {row.id(), "EXPIRED", "Quiet hours (" + stream.quietHours() + " " + r.timeZone()
                                + ") last until after it expires at " + row.expireAt()});
                        expired++;
                    } else {
                        deferred.add(new Object[] {row.id(), allowed});
                    }
                } else {
                    sendable.add(row);
                }
            }
            settle(c, settled, now);
            defer(c, deferred);
            List<OutgoingBatch> batches = new BatchComposer(stream, callbackUrl, now).compose(sendable, recipients);
            markSending(c, batches, now.plus(settings.firstLookup()), now.plus(settings.lease()), now, instance());
            return new Claim(batches, rows.size(), expired, skipped, deferred.size());
        });
    }

    /** Sinch accepted the batch: each row gets its batch id. Rows reconciled meanwhile (a stale lease) are left alone. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int sent(String clientReference, List<Long> ids, String batchId) {
        Instant now = clock.instant();
        return updateLeased(clientReference, ids, "state = 'SENT', batch_id = ?, sent_at = ?, status_at = ?, lease_until = null, reason = null",
                batchId, now, now);
    }

    /**
     * Back to the queue, due at {@code dueAt}; {@code counted} false for failures that were not the message's (a halt,
     * a request never started). Only for rows whose batch certainly did not reach Sinch.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int retryLater(String clientReference, List<Long> ids, Instant dueAt, String reason, boolean counted) {
        return updateLeased(clientReference, ids, "state = 'QUEUED', due_at = ?, lease_until = null, reason = ?"
                + (counted ? "" : ", attempts = attempts - 1"), dueAt, truncate(reason));
    }

    /** Sinch refused a batch of several for one bad recipient: each goes again alone, so only that one fails. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int splitUp(String clientReference, List<Long> ids, String reason) {
        return updateLeased(clientReference, ids, "state = 'QUEUED', solo = true, due_at = ?, lease_until = null, attempts = attempts - 1, reason = ?",
                clock.instant(), truncate(reason));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int failed(String clientReference, List<Long> ids, String reason, Integer code) {
        return updateLeased(clientReference, ids, "state = 'FAILED', lease_until = null, reason = ?, delivery_code = ?, status_at = ?",
                truncate(reason), code, clock.instant());
    }

    /**
     * Sinch may have created the batch (5xx, timeout), or has not shown it yet: the lease ends at {@code at}, then the
     * reconciler looks it up. Its doubt_until stays: only a lookup after it may send the rows again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int reconcileAt(String clientReference, List<Long> ids, Instant at, String reason) {
        return updateLeased(clientReference, ids, "lease_until = ?, reason = ?", at, truncate(reason));
    }

    /**
     * One update of the rows a claim leased for one batch, only while they are still SENDING under that reference
     * (a reconciler may have settled them meanwhile). {@code values} bind the {@code ?} of {@code assignments} in order.
     */
    private int updateLeased(String clientReference, List<Long> ids, String assignments, Object... values) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("update message set " + assignments
                    + " where client_reference = ? and state = 'SENDING' and id in (" + Jdbc.marks(ids.size()) + ")")) {
                int i = 1;
                for (Object v : values) {
                    if (v instanceof Instant t) {
                        Jdbc.setTime(ps, i++, t);
                    } else if (v == null) {
                        ps.setNull(i++, java.sql.Types.INTEGER); // the one value that may be absent: Sinch's code
                    } else {
                        ps.setObject(i++, v);
                    }
                }
                ps.setString(i++, clientReference);
                Jdbc.bindLongs(ps, i, ids);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Rows of the stream SENDING past their lease (a crash, or a send that may have been applied), grouped by
     * batch; their lease is renewed so that no other instance reconciles them at the same time.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<LeasedBatch> takeExpiredLeases(Long campaignId, int limit) {
        Instant now = clock.instant();
        return work(c -> {
            Map<String, LeasedBatch> batches = new LinkedHashMap<>();
            List<Long> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, client_reference, claimed_at, doubt_until from message where "
                    + (campaignId == null ? "campaign_id is null" : "campaign_id = ?")
                    + " and state = 'SENDING' and lease_until < ? order by id fetch first " + limit + " rows only for update skip locked")) {
                int i = 1;
                if (campaignId != null) {
                    ps.setLong(i++, campaignId);
                }
                Jdbc.setTime(ps, i, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("id");
                        String ref = rs.getString("client_reference");
                        Instant claimed = Jdbc.instant(rs, "claimed_at");
                        Instant doubt = Jdbc.instant(rs, "doubt_until");
                        // Claimed before doubt_until existed: in doubt for a lease from the claim.
                        Instant until = doubt != null ? doubt : claimed == null ? now : claimed.plus(settings.lease());
                        batches.computeIfAbsent(ref, r -> new LeasedBatch(r, new ArrayList<>(), claimed, until)).ids().add(id);
                        all.add(id);
                    }
                }
            }
            if (!all.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("update message set lease_until = ? where id in (" + Jdbc.marks(all.size()) + ")")) {
                    Jdbc.setTime(ps, 1, now.plus(settings.lease()));
                    Jdbc.bindLongs(ps, 2, all);
                    ps.executeUpdate();
                }
            }
            return List.copyOf(batches.values());
        });
    }

    /** Whether the stream has a row due now: a cheap look before a budget is taken for it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean anyDue(SendStream stream) {
        Instant now = clock.instant();
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from message where "
                    + (stream.isCampaign() ? "campaign_id = ?" : "campaign_id is null")
                    + " and state = 'QUEUED' and due_at <= ? fetch first 1 rows only")) {
                int i = 1;
                if (stream.isCampaign()) {
                    ps.setLong(i++, stream.campaignId());
                }
                Jdbc.setTime(ps, i, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean campaignCancelled(long campaignId) {
        return !em.createNativeQuery("select 1 from campaign where id = ?1 and state = 'CANCELLED'")
                .setParameter(1, campaignId).getResultList().isEmpty();
    }

    private static boolean releasable(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state from campaign where id = ?")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && ("RUNNING".equals(rs.getString(1)) || "SCHEDULED".equals(rs.getString(1)));
            }
        }
    }

    private List<ClaimedMessage> lockDue(Connection c, SendStream stream, int limit, Instant now) throws SQLException {
        List<ClaimedMessage> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from message where "
                + (stream.isCampaign() ? "campaign_id = ?" : "campaign_id is null")
                + " and state = 'QUEUED' and due_at <= ? order by due_at, id fetch first " + limit + " rows only for update skip locked")) {
            int i = 1;
            if (stream.isCampaign()) {
                ps.setLong(i++, stream.campaignId());
            }
            Jdbc.setTime(ps, i, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String mode = rs.getString("report_mode");
                    rows.add(new ClaimedMessage(rs.getLong("id"), Jdbc.nullableLong(rs, "contact_id"), rs.getString("phone"),
                            MessageKind.valueOf(rs.getString("kind")), rs.getString("body"), rs.getString("sender"),
                            rs.getString("media_url"), mode == null ? null : DeliveryReportMode.valueOf(mode),
                            Jdbc.instant(rs, "expire_at"), rs.getInt("attempts"), rs.getBoolean("solo")));
                }
            }
        }
        return rows;
    }

    /** Consent, zone and placeholder values of the rows' contacts, read now: what counts is the state at release. */
    private static Map<Long, Recipient> recipients(Connection c, SendStream stream, List<ClaimedMessage> rows) throws SQLException {
        Map<Long, List<Long>> byContact = new HashMap<>();
        Set<String> phones = new HashSet<>();
        for (ClaimedMessage row : rows) {
            if (row.contactId() != null) {
                byContact.computeIfAbsent(row.contactId(), k -> new ArrayList<>()).add(row.id());
            }
            phones.add(row.phone());
        }
        Set<String> suppressed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select phone from suppressed_number where phone in (" + Jdbc.marks(phones.size()) + ")")) {
            Jdbc.bindStrings(ps, 1, phones);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    suppressed.add(rs.getString(1));
                }
            }
        }
        List<String> placeholders = stream.isCampaign() ? PlaceholderRenderer.placeholders(stream.body()) : List.of();
        Map<Long, Map<String, String>> values = new HashMap<>();
        Map<Long, Object[]> contacts = new HashMap<>(); // optedOut, zone, name, how they opted out
        if (!byContact.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("select id, name, consent, time_zone, consent_source, consent_changed_at"
                    + " from contact where id in (" + Jdbc.marks(byContact.size()) + ")")) {
                Jdbc.bindLongs(ps, 1, byContact.keySet());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean optedOut = "OPTED_OUT".equals(rs.getString("consent"));
                        contacts.put(rs.getLong("id"), new Object[] {optedOut, rs.getString("time_zone"), rs.getString("name"),
                                optedOut ? optedOutHow(rs.getString("consent_source"), rs.getObject("consent_changed_at", OffsetDateTime.class)) : null});
                    }
                }
            }
            List<String> attributes = placeholders.stream().filter(p -> !"name".equals(p) && !"phone".equals(p)).toList();
            if (!attributes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("select contact_id, name, value_text from contact_attribute where contact_id in ("
                        + Jdbc.marks(byContact.size()) + ") and name in (" + Jdbc.marks(attributes.size()) + ")")) {
                    int i = Jdbc.bindLongs(ps, 1, byContact.keySet());
                    Jdbc.bindStrings(ps, i, attributes);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            values.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                        }
                    }
                }
            }
        }
        Map<Long, Recipient> out = new HashMap<>();
        for (ClaimedMessage row : rows) {
            Object[] contact = row.contactId() == null ? null : contacts.get(row.contactId());
            boolean optedOut = contact != null && (Boolean) contact[0];
            // The number's zone only matters for quiet hours: libphonenumber is not asked otherwise.
            String zone = contact != null && contact[1] != null ? (String) contact[1]
                    : stream.quietHours() == null ? null : zoneOfNumber(row.phone());
            Map<String, String> v = new HashMap<>(values.getOrDefault(row.contactId(), Map.of()));
            v.put("name", contact == null || contact[2] == null ? "" : (String) contact[2]); // built-ins win, as in previews
            v.put("phone", row.phone());
            out.put(row.id(), new Recipient(optedOut, suppressed.contains(row.phone()), validZone(zone), v,
                    contact == null ? null : (String) contact[3]));
        }
        return out;
    }

    /** "via keyword at 2026-05-01T09:00:00Z": what staff read in the skip reason. */
    private static String optedOutHow(String source, OffsetDateTime at) {
        String how = (source == null ? "" : "via " + source) + (at == null ? "" : (source == null ? "" : " ") + "at "
                + at.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return how.isEmpty() ? null : how;
    }

    private static String zoneOfNumber(String e164) {
        try {
            return ContactTimeZones.of(PhoneNumbers.check(e164, null));
        } catch (InvalidPhoneNumberException e) {
            return null; // a possible but not valid number: no zone known, no quiet hours applied
        }
    }

    private static String validZone(String zone) {
        try {
            return zone == null ? null : ZoneId.of(zone).getId();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static void settle(Connection c, List<Object[]> settled, Instant now) throws SQLException {
        if (settled.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update message set state = ?, reason = ?, status_at = ? where id = ?")) {
            for (Object[] s : settled) {
                ps.setString(1, (String) s[1]);
                ps.setString(2, truncate((String) s[2]));
                Jdbc.setTime(ps, 3, now);
                ps.setLong(4, (Long) s[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void defer(Connection c, List<Object[]> deferred) throws SQLException {
        if (deferred.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update message set due_at = ?, reason = 'Deferred: quiet hours' where id = ?")) {
            for (Object[] d : deferred) {
                Jdbc.setTime(ps, 1, (Instant) d[1]);
                ps.setLong(2, (Long) d[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void markSending(Connection c, List<OutgoingBatch> batches, Instant leaseUntil, Instant doubtUntil, Instant now,
                                    String instance) throws SQLException {
        for (OutgoingBatch b : batches) {
            try (PreparedStatement ps = c.prepareStatement("update message set state = 'SENDING', client_reference = ?, lease_until = ?,"
                    + " doubt_until = ?, claimed_at = ?, claimed_by = ?, attempts = attempts + 1 where id in (" + Jdbc.marks(b.size()) + ")")) {
                ps.setString(1, b.clientReference());
                Jdbc.setTime(ps, 2, leaseUntil);
                Jdbc.setTime(ps, 3, doubtUntil);
                Jdbc.setTime(ps, 4, now);
                ps.setString(5, instance);
                Jdbc.bindLongs(ps, 6, b.messageIds());
                ps.executeUpdate();
            }
        }
    }

    private String instance() {
        String id = settings.instanceId();
        return id.length() <= 100 ? id : id.substring(0, 100);
    }

    /**
     * This instance just started: whatever it claimed in an earlier life has no sender any more, so its rows are
     * looked up at once (a batch Sinch has is settled now, not when the lease ends). Not finding one still waits
     * for its doubt_until: the dead sender's request may yet be applied.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int ownClaimsAreDead(Long campaignId) {
        Instant now = clock.instant();
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("update message set lease_until = ? where "
                    + (campaignId == null ? "campaign_id is null" : "campaign_id = ?")
                    + " and state = 'SENDING' and claimed_by = ?")) {
                int i = 1;
                Jdbc.setTime(ps, i++, now);
                if (campaignId != null) {
                    ps.setLong(i++, campaignId);
                }
                ps.setString(i, instance());
                return ps.executeUpdate();
            }
        });
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    /** JDBC work on this transaction's connection: nothing inside may use the EntityManager or call other beans. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
