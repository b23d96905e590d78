package org.smsconsole.scheduler.metrics;

/** How a delivery report reached the console: Sinch's callback, or the poller reading Sinch's list. */
public enum ReportSource {
    CALLBACK, POLL;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
