package org.smsconsole.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How repeated failed logins slow down and then lock an account. The first {@code freeAttempts}
 * failures cost nothing; each one after that doubles the wait before the next attempt is
 * heard (1 s, 2 s, 4 s, ...); at {@code lockAfter} failures the account is locked for
 * {@code lockDuration}, whatever password comes next.
 */
public record LoginPolicy(int freeAttempts, int lockAfter, Duration lockDuration) {

    /** How long from {@code now} until user may try again, if they must wait at all. */
    Optional<Duration> waitBeforeNextAttempt(StaffUser user, Instant now) {
        if (user.getFailedLogins() < freeAttempts || user.getLastFailedLoginAt() == null) {
            return Optional.empty();
        }
        int extra = user.getFailedLogins() - freeAttempts;
        Duration delay = Duration.ofSeconds(1L << Math.min(extra, 10));
        Instant allowedAt = user.getLastFailedLoginAt().plus(delay);
        return now.isBefore(allowedAt) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }
}
