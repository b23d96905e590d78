package org.smsconsole.scheduler.metrics;

import org.smsconsole.scheduler.loops.LoopStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * How long ago a background loop last finished a tick well, in seconds. Before its first success, since it was
 * scheduled: a loop that never once succeeds ages like one that stopped succeeding. NaN for a loop this instance
 * does not run (off by a setting) or never scheduled, so that an alert on the age does not fire for it.
 */
final class LoopAge {

    private LoopAge() {
    }

    static double seconds(LoopStatus loop, Instant now) {
        if (!loop.enabled()) {
            return Double.NaN;
        }
        Instant since = loop.lastSuccessAt() != null ? loop.lastSuccessAt() : loop.startedAt();
        if (since == null) {
            return Double.NaN;
        }
        return Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
    }
}
