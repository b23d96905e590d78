package org.smsconsole.sinch.batch;

import java.time.Instant;

/**
 * Filters of {@code GET /batches}. Only the last 14 days can be listed; without
 * {@code startDate} Sinch looks back 24 hours, so give one when looking a batch up by
 * {@code clientReference} after a timeout.
 */
public record BatchQuery(String from, Instant startDate, Instant endDate, String clientReference) {
    public static BatchQuery all() {
        return new BatchQuery(null, null, null, null);
    }

    public static BatchQuery byClientReference(String clientReference, Instant startDate) {
        return new BatchQuery(null, startDate, null, clientReference);
    }

    public BatchQuery withFrom(String from) {
        return new BatchQuery(from, startDate, endDate, clientReference);
    }

    public BatchQuery between(Instant start, Instant end) {
        return new BatchQuery(from, start, end, clientReference);
    }
}
