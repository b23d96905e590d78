package org.smsconsole.scheduler.webhooks;

import static org.smsconsole.persistence.Jdbc.utc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.webhook.SealedWebhookSecret;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook deliveries as the dispatcher sees them. Each method is one short transaction: a claim is committed
 * (rows SENDING, leased) before any request leaves, so instances sharing the database never send a row at the
 * same time ({@code FOR UPDATE SKIP LOCKED}), and a row whose instance died is taken over when its lease ends.
 * An attempt's result is written only while the row is still SENDING under that attempt's number.
 */
@ApplicationScoped
public class WebhookQueue {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    /** A delivery claimed for one attempt, with what the request needs. Never logged whole: it holds the secret. */
    public record Claimed(long id, String eventId, String payload, long subscriptionId, String url, String secret, int attempt,
                          Instant giveUpAt) {
        @Override
        public String toString() {
            return "delivery " + id + " of " + eventId + " to subscription " + subscriptionId + " (attempt " + attempt + ")";
        }
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled subscriptions, at most {@code perSubscription} of each
     * beyond what {@code inFlight} says this instance already has under way; subscriptions at that limit are left out.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claim(int limit, Map<Long, Integer> inFlight, int perSubscription, Duration lease) {
        Instant now = clock.instant();
        Set<Long> full = new java.util.HashSet<>();
        inFlight.forEach((subscription, n) -> {
            if (n >= perSubscription) {
                full.add(subscription);
            }
        });
        return em.unwrap(Session.class).doReturningWork(c -> {
            // The subscriptions to claim for, read first: no subscriber, no claim query; and the claim stays one plain
            // single-table SELECT ... FOR UPDATE SKIP LOCKED, which H2 and PostgreSQL treat alike.
            List<Long> open = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id from webhook_subscription where enabled = true");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!full.contains(rs.getLong(1))) {
                        open.add(rs.getLong(1));
                    }
                }
            }
            if (open.isEmpty()) {
                return List.of();
            }
            List<Long> ids = new ArrayList<>();
            Map<Long, Integer> taken = new HashMap<>(inFlight);
            try (PreparedStatement ps = c.prepareStatement("select id, subscription_id from webhook_delivery"
                    + " where ((state = 'PENDING' and next_attempt_at <= ?) or (state = 'SENDING' and lease_until < ?))"
                    + " and subscription_id in (" + String.join(", ", Collections.nCopies(open.size(), "?")) + ")"
                    + " order by next_attempt_at, id fetch first " + limit + " rows only for update skip locked")) {
                ps.setObject(1, utc(now));
                ps.setObject(2, utc(now));
                int i = 3;
                for (Long o : open) {
                    ps.setLong(i++, o);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long subscription = rs.getLong(2);
                        if (taken.merge(subscription, 1, Integer::sum) <= perSubscription) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set state = 'SENDING', attempts = attempts + 1,"
                    + " lease_until = ?, last_attempt_at = ? where id in (" + in + ")")) {
                ps.setObject(1, utc(now.plus(lease)));
                ps.setObject(2, utc(now));
                for (int i = 0; i < ids.size(); i++) {
                    ps.setLong(3 + i, ids.get(i));
                }
                ps.executeUpdate();
            }
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select d.id, d.event_id, e.payload, d.subscription_id, s.url, s.secret, d.attempts,"
                    + " d.give_up_at from webhook_delivery d join webhook_event e on e.id = d.event_id"
                    + " join webhook_subscription s on s.id = d.subscription_id where d.id in (" + in + ") order by d.next_attempt_at, d.id")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setLong(1 + i, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                SealedWebhookSecret.open(rs.getString(6)), rs.getInt(7), rs.getObject(8, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return claimed;
        });
    }

    /** A 2xx answer. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean delivered(Claimed d, int status) {
        return update(d, "state = 'DELIVERED', delivered_at = ?, last_status = ?, last_error = null, lease_until = null",
                ps -> {
                    ps.setObject(1, utc(clock.instant()));
                    ps.setInt(2, status);
                    return 3;
                });
    }

    /** Another attempt at {@code next}; or, with {@code next} null, no more (FAILED). {@code status} null: no answer. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean attemptFailed(Claimed d, Integer status, String error, Instant next) {
        return update(d, "state = " + (next == null ? "'FAILED'" : "'PENDING'") + ", last_status = ?, last_error = ?, lease_until = null"
                + (next == null ? "" : ", next_attempt_at = ?"), ps -> {
                    if (status == null) {
                        ps.setNull(1, Types.INTEGER);
                    } else {
                        ps.setInt(1, status);
                    }
                    if (error == null) {
                        ps.setNull(2, Types.VARCHAR);
                    } else {
                        ps.setString(2, truncate(error));
                    }
                    if (next == null) {
                        return 3;
                    }
                    ps.setObject(3, utc(next));
                    return 4;
                });
    }

    /** Binds the assignments' values and answers the next parameter index. */
    private interface Binder {
        int bind(PreparedStatement ps) throws SQLException;
    }

    /** One update of the claimed row, only while it is still SENDING under this attempt (a lease may have ended meanwhile). */
    private boolean update(Claimed d, String assignments, Binder values) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set " + assignments
                    + " where id = ? and state = 'SENDING' and attempts = ?")) {
                int i = values.bind(ps);
                ps.setLong(i++, d.id());
                ps.setInt(i, d.attempt());
                return ps.executeUpdate() == 1;
            }
        });
    }


    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
