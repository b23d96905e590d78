package org.smsconsole.scheduler.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * How late a delivery report came in: from the time Sinch gives it (when the status happened at the operator)
 * to the moment the console stored it. Sinch's clock and ours differ a little, so a report "from the future"
 * counts as no lag rather than a negative one.
 */
final class ReportLag {

    private ReportLag() {
    }

    static Duration between(Instant reportedAt, Instant storedAt) {
        Duration lag = Duration.between(reportedAt, storedAt);
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
