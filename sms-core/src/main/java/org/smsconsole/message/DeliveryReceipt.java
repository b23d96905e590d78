package org.smsconsole.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What storing delivery reports did.
 *
 * @param stored events new to {@code delivery_event}
 * @param duplicates events already stored (a repeated callback, an overlapping poll): nothing changed for them
 * @param messagesChanged messages whose status moved
 * @param reportedAt when Sinch says the newly stored reports happened (those that say so): how late they came in
 *                   is the ingestion lag operators watch
 */
public record DeliveryReceipt(int stored, int duplicates, int messagesChanged, List<Instant> reportedAt) {

    public static final DeliveryReceipt NONE = new DeliveryReceipt(0, 0, 0);

    public DeliveryReceipt {
        reportedAt = List.copyOf(reportedAt);
    }

    public DeliveryReceipt(int stored, int duplicates, int messagesChanged) {
        this(stored, duplicates, messagesChanged, List.of());
    }

    public DeliveryReceipt plus(DeliveryReceipt other) {
        List<Instant> times = new ArrayList<>(reportedAt.size() + other.reportedAt.size());
        times.addAll(reportedAt);
        times.addAll(other.reportedAt);
        return new DeliveryReceipt(stored + other.stored, duplicates + other.duplicates, messagesChanged + other.messagesChanged, times);
    }
}
