package org.smsconsole.web.sandbox.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tests assert on: how many messages each recipient got (dispatched to the network), and
 * what happened to requests and callbacks. Thread-safe.
 */
public final class Counters {
    private final Map<String, AtomicLong> messagesPerRecipient = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> events = new ConcurrentHashMap<>();

    public void messageTo(String recipient) {
        messagesPerRecipient.computeIfAbsent(recipient, k -> new AtomicLong()).incrementAndGet();
    }

    /** e.g. {@code batches_accepted}, {@code callbacks_delivered}, {@code callbacks_refused}. */
    public void count(String event) {
        events.computeIfAbsent(event, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String event) {
        AtomicLong value = events.get(event);
        return value == null ? 0 : value.get();
    }

    public long messagesTo(String recipient) {
        AtomicLong value = messagesPerRecipient.get(recipient);
        return value == null ? 0 : value.get();
    }

    /** A snapshot, sorted, for the control API. */
    public Snapshot snapshot() {
        Map<String, Long> perRecipient = new TreeMap<>();
        messagesPerRecipient.forEach((k, v) -> perRecipient.put(k, v.get()));
        Map<String, Long> counted = new TreeMap<>();
        events.forEach((k, v) -> counted.put(k, v.get()));
        return new Snapshot(perRecipient, counted);
    }

    public void clear() {
        messagesPerRecipient.clear();
        events.clear();
    }

    public record Snapshot(@jakarta.json.bind.annotation.JsonbProperty("messages_per_recipient") Map<String, Long> messagesPerRecipient,
                           Map<String, Long> events) {
    }
}
