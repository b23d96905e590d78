package org.smsconsole.web.sandbox.engine;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Ids shaped like Sinch's (26 characters of Crockford base32, ULID-like: 10 of time, 16 random),
 * so clients that check the form, like {@code Msisdn.isGroupId}, accept them.
 */
final class SinchIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SinchIds() {
    }

    static String next(Instant at) {
        char[] id = new char[26];
        long time = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(id);
    }
}
