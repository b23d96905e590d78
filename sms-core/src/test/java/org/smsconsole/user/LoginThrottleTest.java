package org.smsconsole.user;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private static final String HOME = "198.51.100.7";
    private static final String ATTACKER = "203.0.113.9";
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new LoginPolicy(3, 6, Duration.ofMinutes(15)), 20, Duration.ofSeconds(30));

    /** Fails {@code name} from {@code source} until it locks, each attempt once the policy lets it; returns when it locked. */
    private Instant failUntilLocked(String name, String source, Instant from) {
        Instant t = from;
        for (int i = 0; i < 100; i++) {
            if (throttle.admit(name, source, t).isEmpty() && throttle.failed(name, source, t)) {
                return t;
            }
            t = t.plusSeconds(60);
        }
        throw new AssertionError("never locked");
    }

    @Test
    void aNameLockedFromOneSourceStillSignsInFromAnother() {
        Instant locked = failUntilLocked("admin", ATTACKER, t0);
        assertTrue(throttle.admit("admin", ATTACKER, locked).orElseThrow().startsWith(
                "Signing in with this user name from your address is locked until"));
        assertEquals(Optional.empty(), throttle.admit("admin", HOME, locked), "the real admin, elsewhere");
        throttle.succeeded("admin", HOME, locked);
        assertTrue(throttle.admit("admin", ATTACKER, locked.plus(Duration.ofMinutes(15))).isEmpty(), "the lock ends");
    }

    @Test
    void anUnknownNameIsSlowedAndLockedWithTheSameSentencesAsAKnownOne() {
        for (String name : new String[]{"admin", "nobody-by-this-name"}) {
            Instant t = t0;
            for (int i = 0; i < 3; i++) {
                assertTrue(throttle.admit(name, ATTACKER, t).isEmpty());
                throttle.failed(name, ATTACKER, t);
            }
            assertEquals(Optional.of("Too many failed logins: wait 1 s before trying again."), throttle.admit(name, ATTACKER, t));
            failUntilLocked(name, ATTACKER, t.plusSeconds(1));
        }
    }

    @Test
    void guessesSentAtOnceAreCappedAtTheLockLimitSoTheyCannotAllSlipThrough() {
        int admitted = 0;
        for (int i = 0; i < 20; i++) { // twenty guesses at the same instant, none judged yet
            if (throttle.admit("admin", ATTACKER, t0).isEmpty()) {
                admitted++;
            }
        }
        assertEquals(6, admitted);
        for (int i = 0; i < 5; i++) {
            assertFalse(throttle.failed("admin", ATTACKER, t0));
        }
        assertTrue(throttle.failed("admin", ATTACKER, t0), "the sixth failure locks");
        assertTrue(throttle.admit("admin", ATTACKER, t0.plusSeconds(60)).orElseThrow().contains("locked until"));
    }

    @Test
    void checkingCredentialsAlreadyKnownChargesNothing() {
        for (int i = 0; i < 50; i++) {
            assertTrue(throttle.check("robot", HOME, t0).isEmpty());
        }
        assertTrue(throttle.admit("robot", HOME, t0).isEmpty());
    }

    @Test
    void aSourceOverItsBudgetIsRefusedForAnyNameUntilFailuresAreForgiven() {
        for (int i = 0; i < 20; i++) {
            assertTrue(throttle.admit("name" + i, ATTACKER, t0).isEmpty());
            throttle.failed("name" + i, ATTACKER, t0);
        }
        assertEquals(Optional.of("Too many failed logins from your address: wait 30 s before trying again."),
                throttle.admit("admin", ATTACKER, t0));
        assertEquals(Optional.empty(), throttle.admit("admin", HOME, t0), "other sources are not affected");
        assertTrue(throttle.admit("admin", ATTACKER, t0.plusSeconds(29)).isPresent());
        assertTrue(throttle.admit("admin", ATTACKER, t0.plusSeconds(30)).isEmpty(), "one failure forgiven per 30 s");
    }

    @Test
    void aRightPasswordRefundsItsChargeAndStartsTheNameOver() {
        for (int i = 0; i < 100; i++) { // an API client signing every request with the right password
            assertTrue(throttle.admit("robot", HOME, t0).isEmpty(), "request " + i);
            throttle.succeeded("robot", HOME, t0);
        }
        assertTrue(throttle.familiar(HOME, t0.plus(Duration.ofHours(23))));
        assertFalse(throttle.familiar(HOME, t0.plus(Duration.ofHours(25))));
        assertFalse(throttle.familiar(ATTACKER, t0));
    }

    @Test
    void aNewPasswordSetByAnAdministratorLiftsTheLock() {
        Instant locked = failUntilLocked("Vera", ATTACKER, t0);
        throttle.forget("vera");
        assertEquals(Optional.empty(), throttle.admit("vera", ATTACKER, locked));
    }

    @Test
    void aWithdrawnAttemptCountsForNothing() {
        for (int i = 0; i < 10; i++) {
            assertTrue(throttle.admit("admin", HOME, t0).isEmpty());
            throttle.withdrawn("admin", HOME);
        }
    }
}
