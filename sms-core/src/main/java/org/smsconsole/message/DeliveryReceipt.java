package org.smsconsole.message;

/**
 * What storing delivery reports did.
 *
 * @param stored events new to {@code delivery_event}
 * @param duplicates events already stored (a repeated callback, an overlapping poll): nothing changed for them
 * @param messagesChanged messages whose status moved
 */
public record DeliveryReceipt(int stored, int duplicates, int messagesChanged) {

    public static final DeliveryReceipt NONE = new DeliveryReceipt(0, 0, 0);

    public DeliveryReceipt plus(DeliveryReceipt other) {
        return new DeliveryReceipt(stored + other.stored, duplicates + other.duplicates, messagesChanged + other.messagesChanged);
    }
}
