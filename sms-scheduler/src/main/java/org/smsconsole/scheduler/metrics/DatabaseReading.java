package org.smsconsole.scheduler.metrics;

import java.util.Map;

/**
 * The database-wide figures behind the gauges, as one statement read them: rows of {@code message} per state and
 * how many queued ones are due now,
 * of {@code webhook_delivery} per unfinished or failed state, of {@code import_job} per unfinished state, and
 * whether sending is halted. Every instance reads the same figures.
 */
record DatabaseReading(Map<String, Long> messages, Long messagesDue, Map<String, Long> webhookDeliveries,
                       Map<String, Long> importJobs, Boolean sendingHalted) {

    /** The database did not answer: the gauges report NaN rather than a stale or invented figure. */
    static final DatabaseReading UNREADABLE = new DatabaseReading(null, null, null, null, null);

    double messages(String state) {
        return count(messages, state);
    }

    double due() {
        return messagesDue == null ? Double.NaN : messagesDue;
    }

    double webhookDeliveries(String state) {
        return count(webhookDeliveries, state);
    }

    double importJobs(String state) {
        return count(importJobs, state);
    }

    double halted() {
        return sendingHalted == null ? Double.NaN : sendingHalted ? 1 : 0;
    }

    private static double count(Map<String, Long> counts, String state) {
        return counts == null ? Double.NaN : counts.getOrDefault(state, 0L);
    }
}
