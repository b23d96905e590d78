package org.smsconsole.scheduler;

import java.util.Map;

/**
 * What the release knows of a claimed message's contact: consent, zone, placeholder values. {@code optedOutHow}:
 * how and when they opted out ("via keyword at 2026-05-01T09:00:00Z"), for the skip reason staff read.
 */
record Recipient(boolean optedOut, boolean suppressed, String timeZone, Map<String, String> values, String optedOutHow) {

    static final Recipient UNKNOWN = new Recipient(false, false, null, Map.of(), null);

    String skipReason() {
        return optedOut ? "Opted out" + (optedOutHow == null ? "" : " " + optedOutHow) : "On the suppression list";
    }
}
