package org.smsconsole.user;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, that a user name and password sent with an API request (HTTP Basic) were right, so
 * that a client making many calls pays the deliberately slow PBKDF2 check (about 180 ms here) once, not per call.
 * Holds no password: entries are keyed by an HMAC of name and password under a key made at start-up and never
 * stored, and each remembers the stored hash it was checked against, so a changed password misses at once. Only
 * successes are remembered; locks, throttling and a disabled account are still checked on every request.
 */
final class RecentApiCredentials {

    static final Duration KEEP = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final byte[] key = new byte[32];
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    RecentApiCredentials() {
        new SecureRandom().nextBytes(key);
    }

    /** True when these credentials were verified against {@code storedHash} less than {@link #KEEP} ago. */
    boolean known(String username, char[] password, String storedHash, Instant now) {
        Entry entry = verified.get(fingerprint(username, password));
        return entry != null && entry.storedHash().equals(storedHash) && now.isBefore(entry.until());
    }

    void remember(String username, char[] password, String storedHash, Instant now) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear(); // rare (that many distinct credentials in five minutes): start over rather than track age
        }
        verified.put(fingerprint(username, password), new Entry(storedHash, now.plus(KEEP)));
    }

    private String fingerprint(String username, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(username.strip().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private record Entry(String storedHash, Instant until) {
    }
}
