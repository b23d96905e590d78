package org.smsconsole.user;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginPolicyTest {

    private final LoginPolicy policy = new LoginPolicy(3, 6, Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void theFirstFailuresCostNothingThenTheWaitDoubles() {
        StaffUser user = new StaffUser("ann", null, "h", Role.VIEWER, false, t0);
        for (int i = 0; i < 3; i++) {
            assertTrue(policy.waitBeforeNextAttempt(user, t0).isEmpty(), "free attempt " + i);
            user.recordFailedLogin(t0, policy);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.waitBeforeNextAttempt(user, t0));
        assertTrue(policy.waitBeforeNextAttempt(user, t0.plusSeconds(1)).isEmpty());

        user.recordFailedLogin(t0.plusSeconds(1), policy);
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.waitBeforeNextAttempt(user, t0.plusSeconds(1)));
    }

    @Test
    void locksAtTheLimitAndASuccessClearsTheCount() {
        StaffUser user = new StaffUser("bob", null, "h", Role.VIEWER, false, t0);
        for (int i = 0; i < 6; i++) {
            user.recordFailedLogin(t0.plusSeconds(100L * i), policy);
        }
        assertEquals(t0.plusSeconds(500).plus(Duration.ofMinutes(15)), user.getLockedUntil());
        user.recordSuccessfulLogin();
        assertNull(user.getLockedUntil());
        assertEquals(0, user.getFailedLogins());
    }
}
