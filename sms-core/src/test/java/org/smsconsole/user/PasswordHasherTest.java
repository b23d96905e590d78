package org.smsconsole.user;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = PasswordHasher.hash("correct horse battery".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha512$210000$"), hash);
        assertTrue(PasswordHasher.verify("correct horse battery".toCharArray(), hash));
        assertFalse(PasswordHasher.verify("correct horse batterx".toCharArray(), hash));
    }

    @Test
    void saltsEachHash() {
        assertNotEquals(PasswordHasher.hash("same".toCharArray()), PasswordHasher.hash("same".toCharArray()));
    }

    @Test
    void refusesMalformedStoredValues() {
        assertFalse(PasswordHasher.verify("x".toCharArray(), null));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "plain"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "md5$1$a$b"));
    }
}
