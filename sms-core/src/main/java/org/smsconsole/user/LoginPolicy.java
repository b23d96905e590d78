package org.smsconsole.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How repeated failed logins of one user name from one source slow down and then lock. The first
 * {@code freeAttempts} failures cost nothing; each one after that doubles the wait before the next attempt is
 * heard (1 s, 2 s, 4 s, ...); at {@code lockAfter} failures that name is locked from that source for
 * {@code lockDuration}, whatever password comes next.
 */
public record LoginPolicy(int freeAttempts, int lockAfter, Duration lockDuration) {

    /** How long from {@code now} until the next attempt is heard, after {@code failures} failures, the last at {@code lastFailedAt}. */
    Optional<Duration> waitBeforeNextAttempt(int failures, Instant lastFailedAt, Instant now) {
        if (failures < freeAttempts || lastFailedAt == null) {
            return Optional.empty();
        }
        int extra = failures - freeAttempts;
        Duration delay = Duration.ofSeconds(1L << Math.min(extra, 10));
        Instant allowedAt = lastFailedAt.plus(delay);
        return now.isBefore(allowedAt) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    boolean locks(int failures) {
        return failures >= lockAfter;
    }
}
