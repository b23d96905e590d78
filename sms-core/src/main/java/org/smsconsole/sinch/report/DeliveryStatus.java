package org.smsconsole.sinch.report;

/** Sinch delivery statuses. Models keep the wire string; this reads its meaning. */
public enum DeliveryStatus {
    QUEUED(false), DISPATCHED(false), ABORTED(true), CANCELLED(true), REJECTED(true), DELETED(true),
    DELIVERED(true), FAILED(true), EXPIRED(true), UNKNOWN(true);

    private final boolean fin;

    DeliveryStatus(boolean fin) {
        this.fin = fin;
    }

    /** Final statuses never change again; intermediate ones come only with {@code per_recipient}. */
    public boolean isFinal() {
        return fin;
    }

    /** As Sinch writes it: {@code Delivered}. */
    public String wire() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a status this client does not know */
    public static DeliveryStatus of(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
