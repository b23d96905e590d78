package org.smsconsole.webhook;

import static org.smsconsole.persistence.Jdbc.nullableInt;
import static org.smsconsole.persistence.Jdbc.nullableLong;
import static org.smsconsole.persistence.Jdbc.instant;
import static org.smsconsole.persistence.Jdbc.utc;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.smsconsole.sinch.SinchJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox of outgoing webhooks. Called on the connection of the transaction that makes the
 * change (an inbound message stored, a message's status moved, a consent changed), it writes the event and one
 * PENDING delivery per enabled subscription that wants it; the dispatcher sends them after the commit. So a
 * change that rolls back publishes nothing, and a committed one is never lost to a crash.
 *
 * <p>When no enabled subscription wants a type, nothing is written (and {@code data} is never built): the cost
 * on the hot paths (delivery reports by the thousand per second) is one read of a small table.
 */
public final class WebhookOutbox {

    /** Retries stop after this long (the dispatcher's setting may shorten it; 24 hours, like Stripe's and Svix's). */
    public static final Duration DEFAULT_GIVE_UP = Duration.ofHours(24);
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int MAX_PAYLOAD = 30000;

    private WebhookOutbox() {
    }

    /** Something that happened, with its data; {@code at} is when (occurred_at). */
    public record Event(WebhookEventType type, Instant at, JsonObject data) {
    }

    /** Ids of the enabled subscriptions that want {@code type}. */
    public static List<Long> subscribers(Connection c, WebhookEventType type) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, events from webhook_subscription where enabled = true order by id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (WebhookSubscription.wants(rs.getString(2), type)) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    /**
     * Records the events {@code build} makes, if anyone wants {@code type}; {@code build} runs only then (it may
     * query on {@code c}). Returns the ids of the events written.
     */
    public static List<String> publish(Connection c, Instant now, WebhookEventType type, SqlSupplier<List<Event>> build)
            throws SQLException {
        List<Long> subscribers = subscribers(c, type);
        if (subscribers.isEmpty()) {
            return List.of();
        }
        return write(c, now, build.get(), subscribers);
    }

    /** Records events for exactly these subscriptions (a test event for one). */
    public static List<String> write(Connection c, Instant now, List<Event> events, List<Long> subscribers) throws SQLException {
        if (events.isEmpty() || subscribers.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (PreparedStatement event = c.prepareStatement("insert into webhook_event (id, type, occurred_at, payload) values (?, ?, ?, ?)");
             PreparedStatement delivery = c.prepareStatement("insert into webhook_delivery (id, event_id, subscription_id, state, attempts,"
                     + " next_attempt_at, give_up_at, created_at) values (nextval('webhook_delivery_seq'), ?, ?, 'PENDING', 0, ?, ?, ?)")) {
            for (Event e : events) {
                String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
                event.setString(1, id);
                event.setString(2, e.type().wire());
                event.setObject(3, utc(e.at()));
                event.setString(4, payload(id, e));
                event.addBatch();
                for (Long subscriber : subscribers) {
                    delivery.setString(1, id);
                    delivery.setLong(2, subscriber);
                    delivery.setObject(3, utc(now));
                    delivery.setObject(4, utc(now.plus(DEFAULT_GIVE_UP)));
                    delivery.setObject(5, utc(now));
                    delivery.addBatch();
                }
                ids.add(id);
            }
            event.executeBatch();
            delivery.executeBatch();
        }
        return ids;
    }

    /** {@code {"id","type","occurred_at","data"}}: the body every subscriber receives, byte for byte. */
    static String payload(String id, Event e) {
        String json = JSON.createObjectBuilder().add("id", id).add("type", e.type().wire())
                .add("occurred_at", SinchJson.format(e.at())).add("data", e.data()).build().toString();
        if (json.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("A webhook event of " + json.length() + " characters is larger than " + MAX_PAYLOAD);
        }
        return json;
    }

    /** A JSON object builder that leaves out null values (receivers see absent rather than null fields). */
    public static Data data() {
        return new Data();
    }

    /** Builds an event's {@code data}. */
    public static final class Data {
        private final JsonObjectBuilder b = JSON.createObjectBuilder();

        public Data put(String name, String value) {
            if (value != null) {
                b.add(name, value);
            }
            return this;
        }

        public Data put(String name, Long value) {
            if (value != null) {
                b.add(name, value);
            }
            return this;
        }

        public Data put(String name, Integer value) {
            if (value != null) {
                b.add(name, value);
            }
            return this;
        }

        public Data put(String name, Instant value) {
            if (value != null) {
                b.add(name, SinchJson.format(value));
            }
            return this;
        }

        /** A JSON text as a nested value (an MMS body); text that is not JSON is kept as a string. */
        public Data putJson(String name, String json) {
            if (json != null) {
                try {
                    b.add(name, SinchJson.tree(json));
                } catch (RuntimeException e) {
                    b.add(name, json);
                }
            }
            return this;
        }

        public Data putAll(Map<String, String> values) {
            values.forEach(this::put);
            return this;
        }

        public JsonObject build() {
            return b.build();
        }
    }

    /** A supplier that may query. */
    @FunctionalInterface
    public interface SqlSupplier<T> {
        T get() throws SQLException;
    }




}
