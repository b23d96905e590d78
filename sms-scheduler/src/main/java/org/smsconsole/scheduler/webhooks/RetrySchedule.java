package org.smsconsole.scheduler.webhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed webhook delivery is tried again: 10 s after the first attempt, doubling up to 1 hour, each wait
 * drawn between three quarters and all of it (jitter, so that the retries of many events to one endpoint that
 * came back spread out instead of arriving together).
 */
final class RetrySchedule {

    static final Duration FIRST = Duration.ofSeconds(10);
    static final Duration CAP = Duration.ofHours(1);

    private RetrySchedule() {
    }

    /** The wait after {@code attempts} failed attempts (1 = the first). */
    static Duration after(int attempts) {
        long ms = Math.min(CAP.toMillis(), FIRST.toMillis() << Math.min(20, Math.max(0, attempts - 1)));
        return Duration.ofMillis(ms - ThreadLocalRandom.current().nextLong(ms / 4 + 1));
    }
}
