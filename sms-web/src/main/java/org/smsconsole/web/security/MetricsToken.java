package org.smsconsole.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may scrape {@code /api/metrics}: whoever sends {@code Authorization: Bearer <token>} with a token of
 * {@code SMS_METRICS_TOKEN}. A token of its own rather than a staff password or an API key: it opens nothing but
 * the metrics (a VIEWER key reads every contact), and it is checked without the database, so metrics still answer
 * when the database does not. Several tokens, comma-separated, let Prometheus move to a new one before the old
 * one is removed. Unset, the endpoint is off.
 */
public final class MetricsToken {

    /** Shorter tokens are ignored: a scrape endpoint must not fall to guessing. */
    static final int MINIMUM_LENGTH = 16;

    /** What a scrape's credentials allow. */
    public enum Verdict { OFF, ALLOWED, REFUSED }

    private final List<byte[]> digests;
    private final List<String> ignored;

    private MetricsToken(List<byte[]> digests, List<String> ignored) {
        this.digests = digests;
        this.ignored = ignored;
    }

    /** From the setting's value: tokens separated by commas, blanks dropped. */
    public static MetricsToken of(Optional<String> setting) {
        List<byte[]> digests = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String token : setting.orElse("").split(",")) {
            String t = token.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() < MINIMUM_LENGTH) {
                ignored.add("a token of " + t.length() + " characters (at least " + MINIMUM_LENGTH + " are needed)");
            } else {
                digests.add(sha256(t));
            }
        }
        return new MetricsToken(List.copyOf(digests), List.copyOf(ignored));
    }

    public boolean enabled() {
        return !digests.isEmpty();
    }

    /** Why tokens of the setting were not taken, for the log (never the tokens themselves). */
    public List<String> ignored() {
        return ignored;
    }

    /** Checks an {@code Authorization} header; every configured token is compared, in constant time. */
    public Verdict check(String authorization) {
        if (!enabled()) {
            return Verdict.OFF;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verdict.REFUSED;
        }
        // Digests have one length whatever was sent, so the comparison tells nothing about a token's length.
        byte[] offered = sha256(authorization.substring(7).trim());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, offered);
        }
        return match ? Verdict.ALLOWED : Verdict.REFUSED;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
