package org.smsconsole.user;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentApiCredentialsTest {

    private final RecentApiCredentials recent = new RecentApiCredentials();
    private final Instant now = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void rememberedCredentialsAreKnownUntilTheyExpire() {
        recent.remember("ops", "right password".toCharArray(), "hash-1", now);
        assertTrue(recent.known("ops", "right password".toCharArray(), "hash-1", now.plusSeconds(60)));
        assertFalse(recent.known("ops", "right password".toCharArray(), "hash-1", now.plus(RecentApiCredentials.KEEP)));
    }

    @Test
    void anotherPasswordUserOrStoredHashIsNotKnown() {
        recent.remember("ops", "right password".toCharArray(), "hash-1", now);
        assertFalse(recent.known("ops", "wrong password".toCharArray(), "hash-1", now), "another password");
        assertFalse(recent.known("other", "right password".toCharArray(), "hash-1", now), "another user");
        assertFalse(recent.known("ops", "right password".toCharArray(), "hash-2", now), "the password was changed since");
    }

    @Test
    void nameAndPasswordCannotBeShiftedIntoEachOther() {
        recent.remember("ops", "xpassword".toCharArray(), "hash-1", now);
        assertFalse(recent.known("opsx", "password".toCharArray(), "hash-1", now));
    }
}
