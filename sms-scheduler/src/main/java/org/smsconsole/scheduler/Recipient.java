package org.smsconsole.scheduler;

import java.util.Map;

/** What the release knows of a claimed message's contact: consent, zone, placeholder values. */
record Recipient(boolean optedOut, boolean suppressed, String timeZone, Map<String, String> values) {

    static final Recipient UNKNOWN = new Recipient(false, false, null, Map.of());
}
