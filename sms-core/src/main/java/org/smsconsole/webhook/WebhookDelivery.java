package org.smsconsole.webhook;

import java.time.Instant;

/**
 * One line of a subscription's delivery log: an event sent (or being sent) to it.
 *
 * @param state PENDING (waiting for its next attempt), SENDING, DELIVERED or FAILED (retries used up)
 * @param lastStatus the HTTP status of the last attempt; null when it got none (see {@code lastError})
 */
public record WebhookDelivery(long id, String eventId, String eventType, Instant occurredAt, String state, int attempts,
                              Integer lastStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
                              Instant deliveredAt, long subscriptionId) {

    public boolean isFailed() {
        return "FAILED".equals(state);
    }

    /** When the next attempt is due; none once delivered or failed. */
    public Instant getNextAttempt() {
        return "PENDING".equals(state) ? nextAttemptAt : null;
    }

    /** What the last attempt got, in words. */
    public String getOutcome() {
        if (lastStatus != null) {
            return "HTTP " + lastStatus;
        }
        return lastError == null ? "" : lastError;
    }
}
