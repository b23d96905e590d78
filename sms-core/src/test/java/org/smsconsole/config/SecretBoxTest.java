package org.smsconsole.config;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets sealed with AES-GCM: unreadable without the key, bound to their purpose, tamper-evident. */
class SecretBoxTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretBox box = new SecretBox(key());

    @Test
    void aSealedSecretHidesItsTextAndOpensWithTheSameKeyAndPurpose() {
        String sealed = box.seal("SMS_SINCH_API_TOKEN", "0123456789abcdef0123456789abcdef");
        assertTrue(sealed.startsWith("enc1:"), sealed);
        assertFalse(sealed.contains("0123456789abcdef"), "the text is not in the sealed value");
        assertNotEquals(sealed, box.seal("SMS_SINCH_API_TOKEN", "0123456789abcdef0123456789abcdef"), "a fresh nonce each time");
        assertEquals("0123456789abcdef0123456789abcdef", box.open("SMS_SINCH_API_TOKEN", sealed));
        assertTrue(sealed.length() <= 100, "a webhook secret fits webhook_subscription.secret: " + box.seal("x", "whsec_" + "a".repeat(32)).length());
        assertTrue(box.seal("webhook_subscription.secret", "whsec_" + "a".repeat(32)).length() <= 100);
    }

    @Test
    void anotherKeyAnotherPurposeOrAChangedValueDoNotOpen() {
        String sealed = box.seal("SMS_SINCH_API_TOKEN", "token");
        assertThrows(SecretBox.UnreadableSecretException.class, () -> new SecretBox(key()).open("SMS_SINCH_API_TOKEN", sealed));
        assertThrows(SecretBox.UnreadableSecretException.class, () -> box.open("SMS_SINCH_KEY_SECRET", sealed),
                "a value copied into another setting's row does not open there");
        char[] chars = sealed.toCharArray();
        int last = chars.length - 1;
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        assertThrows(SecretBox.UnreadableSecretException.class, () -> box.open("SMS_SINCH_API_TOKEN", new String(chars)));
        assertThrows(SecretBox.UnreadableSecretException.class, () -> box.open("SMS_SINCH_API_TOKEN", "enc1:!!"));
    }

    @Test
    void aValueStoredBeforeSealingOpensAsItselfUntilItIsSealed() {
        assertFalse(SecretBox.sealed("whsec_plain"));
        assertEquals("whsec_plain", box.open("webhook_subscription.secret", "whsec_plain"));
    }

    @Test
    void aKeyIsThirtyTwoBytes() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
    }
}
