package org.smsconsole.webhook;

import org.smsconsole.validation.InvalidInputException;

import java.util.Arrays;
import java.util.List;

/** What an outgoing webhook can tell a subscriber, by the names receivers see in {@code type}. */
public enum WebhookEventType {
    INBOUND_RECEIVED("inbound.received", "Inbound message"),
    MESSAGE_STATUS_CHANGED("message.status_changed", "Delivery status change"),
    CONTACT_OPTED_OUT("contact.opted_out", "Opt-out"),
    CONTACT_OPTED_IN("contact.opted_in", "Opt-in"),
    /** Sent on request to one subscription ("Send test event"); nobody subscribes to it. */
    TEST("webhook.test", "Test event");

    private final String wire;
    private final String label;

    WebhookEventType(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    public boolean subscribable() {
        return this != TEST;
    }

    /** The types a subscription may ask for. */
    public static List<WebhookEventType> subscribableTypes() {
        return Arrays.stream(values()).filter(WebhookEventType::subscribable).toList();
    }

    public static WebhookEventType fromWire(String field, String value) {
        for (WebhookEventType t : values()) {
            if (t.subscribable() && t.wire.equals(value == null ? "" : value.strip())) {
                return t;
            }
        }
        throw new InvalidInputException(field, "Unknown event '" + value + "'; known are "
                + subscribableTypes().stream().map(WebhookEventType::wire).toList());
    }
}
