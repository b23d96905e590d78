package org.smsconsole.scheduler;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with full jitter: 1 s, 2 s, 4 s ... at most 5 minutes, each drawn between half and all of it. */
final class Backoff {

    static final Duration CAP = Duration.ofMinutes(5);

    private Backoff() {
    }

    static Duration after(int attempts) {
        long ms = Math.min(CAP.toMillis(), 1000L << Math.min(20, Math.max(0, attempts - 1)));
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }
}
