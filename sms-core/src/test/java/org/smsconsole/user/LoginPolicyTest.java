package org.smsconsole.user;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginPolicyTest {

    private final LoginPolicy policy = new LoginPolicy(3, 6, Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void theFirstFailuresCostNothingThenTheWaitDoubles() {
        for (int failures = 0; failures < 3; failures++) {
            assertTrue(policy.waitBeforeNextAttempt(failures, t0, t0).isEmpty(), "free attempt " + failures);
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.waitBeforeNextAttempt(3, t0, t0));
        assertTrue(policy.waitBeforeNextAttempt(3, t0, t0.plusSeconds(1)).isEmpty());
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.waitBeforeNextAttempt(4, t0, t0));
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.waitBeforeNextAttempt(4, t0, t0.plusSeconds(1)));
    }

    @Test
    void locksAtTheLimit() {
        assertFalse(policy.locks(5));
        assertTrue(policy.locks(6));
    }
}
