package org.smsconsole.webhook;

import org.smsconsole.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Outgoing webhook subscriptions (ADMIN): add, change, rotate the secret, remove, send a test event, read the
 * delivery log and retry a delivery now. An address inside the console's network is refused ({@link WebhookAddresses}). The signing secret is made here and shown once, when it is made.
 * Every change is audited, the URL without its query (which may carry a token) and never the secret.
 */
@ApplicationScoped
@Transactional
public class WebhookSubscriptions {

    static final int MAX_URL = 2000;
    static final int MAX_DESCRIPTION = 500;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    SecurityContext securityContext;

    @Inject
    WebhookAddresses addresses;

    /** A subscription just made or whose secret was just rotated: the only moment the secret is answered. */
    public record WithSecret(WebhookSubscription subscription, String secret) {
    }

    public WithSecret create(String url, String description, Collection<WebhookEventType> events, boolean enabled) {
        String cleanUrl = checkUrl(url);
        String cleanDescription = checkDescription(description);
        List<WebhookEventType> cleanEvents = checkEvents(events);
        addresses.checkForSubscription(cleanUrl); // last: it resolves the host
        String secret = newSecret();
        WebhookSubscription s = new WebhookSubscription(cleanUrl, cleanDescription, cleanEvents, enabled, secret, caller(), clock.instant());
        em.persist(s);
        em.flush();
        audit.record("WEBHOOK_CREATED", subject(s), "events " + String.join(",", wires(cleanEvents)) + (enabled ? "" : ", disabled"));
        return new WithSecret(s, secret);
    }

    public WebhookSubscription change(long id, String url, String description, Collection<WebhookEventType> events, boolean enabled) {
        WebhookSubscription s = find(id);
        String cleanUrl = checkUrl(url);
        String cleanDescription = checkDescription(description);
        List<WebhookEventType> cleanEvents = checkEvents(events);
        addresses.checkForSubscription(cleanUrl); // last: it resolves the host
        s.change(cleanUrl, cleanDescription, cleanEvents, enabled, clock.instant());
        em.flush();
        audit.record("WEBHOOK_CHANGED", subject(s), "events " + String.join(",", wires(cleanEvents)) + (enabled ? ", enabled" : ", disabled"));
        return s;
    }

    /** A new secret at once: requests from now on are signed with it (a delivery already under way may carry the old one). */
    public WithSecret rotate(long id) {
        WebhookSubscription s = find(id);
        String secret = newSecret();
        s.rotate(secret, clock.instant());
        em.flush();
        audit.record("WEBHOOK_SECRET_ROTATED", subject(s), "secret replaced (value not recorded)");
        return new WithSecret(s, secret);
    }

    /** Removes the subscription with its delivery log; its pending deliveries are dropped. */
    public void remove(long id) {
        WebhookSubscription s = find(id);
        // Its events that no other subscription has a delivery of go too (their deliveries cascade).
        em.createNativeQuery("delete from webhook_event where id in (select d.event_id from webhook_delivery d where d.subscription_id = ?1)"
                + " and not exists (select 1 from webhook_delivery o where o.event_id = webhook_event.id and o.subscription_id <> ?1)")
                .setParameter(1, id).executeUpdate();
        em.remove(s);
        em.flush();
        audit.record("WEBHOOK_DELETED", subject(s), null);
    }

    public List<WebhookSubscription> all() {
        return em.createQuery("select s from WebhookSubscription s order by s.id", WebhookSubscription.class).getResultList();
    }

    public WebhookSubscription get(long id) {
        return find(id);
    }

    /** Queues a {@code webhook.test} event for this subscription alone; returns its event id. */
    public String sendTest(long id) {
        WebhookSubscription s = find(id);
        if (!s.isEnabled()) {
            throw new InvalidInputException("enabled", "The subscription is disabled: enable it to send a test event");
        }
        Instant now = clock.instant();
        WebhookOutbox.Event test = new WebhookOutbox.Event(WebhookEventType.TEST, now, WebhookOutbox.data()
                .put("subscription_id", s.getId()).put("message", "A test event from the SMS console").put("requested_by", caller()).build());
        String eventId = em.unwrap(Session.class).doReturningWork(c -> WebhookOutbox.write(c, now, List.of(test), List.of(s.getId()))).get(0);
        audit.record("WEBHOOK_TEST_SENT", subject(s), eventId);
        return eventId;
    }

    /** A subscription's most recent deliveries, newest first. */
    public List<WebhookDelivery> deliveries(long subscriptionId, int limit) {
        find(subscriptionId);
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_DELIVERY + " where d.subscription_id = ? order by d.created_at desc, d.id desc"
                    + " fetch first " + Math.max(1, Math.min(500, limit)) + " rows only")) {
                ps.setLong(1, subscriptionId);
                return readDeliveries(ps);
            }
        });
    }

    public Optional<WebhookDelivery> delivery(long id) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_DELIVERY + " where d.id = ?")) {
                ps.setLong(1, id);
                return readDeliveries(ps).stream().findFirst();
            }
        });
    }

    /**
     * One attempt as soon as the dispatcher's next tick: a waiting delivery is moved up; a failed one gets one more
     * attempt (if that fails too, it stays failed). Refused while it is being sent or once delivered.
     */
    public WebhookDelivery retryNow(long deliveryId) {
        WebhookDelivery d = delivery(deliveryId).orElseThrow(() -> new NotFoundException("Webhook delivery", deliveryId));
        Instant now = clock.instant();
        int changed = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set state = 'PENDING', next_attempt_at = ?,"
                    + " give_up_at = case when state = 'FAILED' then ? else give_up_at end where id = ? and state in ('PENDING', 'FAILED')")) {
                ps.setObject(1, Jdbc.utc(now));
                ps.setObject(2, Jdbc.utc(now));
                ps.setLong(3, deliveryId);
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new org.smsconsole.validation.ConflictException("The delivery is " + d.state().toLowerCase(Locale.ROOT) + ": nothing to retry");
        }
        audit.record("WEBHOOK_RETRIED", "webhook delivery " + deliveryId, "event " + d.eventId() + " to subscription " + d.subscriptionId());
        return delivery(deliveryId).orElseThrow();
    }

    private static final String SELECT_DELIVERY = "select d.id, d.event_id, e.type, e.occurred_at, d.state, d.attempts, d.last_status,"
            + " d.last_error, d.last_attempt_at, d.next_attempt_at, d.delivered_at, d.subscription_id"
            + " from webhook_delivery d join webhook_event e on e.id = d.event_id";

    private static List<WebhookDelivery> readDeliveries(PreparedStatement ps) throws java.sql.SQLException {
        List<WebhookDelivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new WebhookDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4), rs.getString(5),
                        rs.getInt(6), Jdbc.nullableInt(rs, 7), rs.getString(8), Jdbc.instant(rs, 9),
                        Jdbc.instant(rs, 10), Jdbc.instant(rs, 11), rs.getLong(12)));
            }
        }
        return out;
    }

    /** An absolute http(s) address with a host; no user or password in it (it would be shown and logged). */
    public static String checkUrl(String url) {
        String value = url == null ? "" : url.strip();
        if (value.isEmpty()) {
            throw new InvalidInputException("url", "An address is required, such as https://example.com/hooks/sms");
        }
        if (value.length() > MAX_URL) {
            throw new InvalidInputException("url", "An address has at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "Not a valid address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url", "Only http and https addresses can receive webhooks");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException("url", "The address needs a host, such as https://example.com/hooks/sms");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "No user name or password in the address: requests are signed instead");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException("url", "An address with a #fragment cannot be posted to");
        }
        return value;
    }

    /** The address as logs and the audit show it: without its query, which may carry a token. */
    public static String display(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    static String checkDescription(String description) {
        String value = description == null ? null : description.strip();
        if (value != null && value.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "A description has at most " + MAX_DESCRIPTION + " characters");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    static List<WebhookEventType> checkEvents(Collection<WebhookEventType> events) {
        List<WebhookEventType> clean = events == null ? List.of() : events.stream().distinct().sorted().toList();
        if (clean.isEmpty()) {
            throw new InvalidInputException("events", "Choose at least one event");
        }
        if (clean.contains(WebhookEventType.TEST)) {
            throw new InvalidInputException("events", "webhook.test is sent on request only");
        }
        return clean;
    }

    private static List<String> wires(List<WebhookEventType> events) {
        return events.stream().map(WebhookEventType::wire).toList();
    }

    private static String newSecret() {
        StringBuilder out = new StringBuilder("whsec_");
        for (int i = 0; i < 32; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String subject(WebhookSubscription s) {
        return "webhook " + s.getId() + " " + display(s.getUrl());
    }

    private WebhookSubscription find(long id) {
        WebhookSubscription s = em.find(WebhookSubscription.class, id);
        if (s == null) {
            throw new NotFoundException("Webhook subscription", id);
        }
        return s;
    }

    private String caller() {
        try {
            Principal principal = securityContext.getCallerPrincipal();
            return principal == null ? "system" : principal.getName();
        } catch (RuntimeException e) {
            return "system";
        }
    }
}
