package org.smsconsole.sinch.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sinch's callback signature: Base64(HMAC-SHA256(key = UTF-8 secret,
 * message = raw body + "." + nonce + "." + timestamp)) in {@code x-sinch-webhook-signature},
 * with {@code -algorithm}, {@code -nonce} and {@code -timestamp} (Unix seconds) beside it.
 * Verification compares in constant time, refuses timestamps outside the tolerance and,
 * once the signature is good, replayed nonces. {@link #sign} produces the same headers for
 * the sandbox and tests.
 */
public final class WebhookSignature {
    public static final String SIGNATURE = "x-sinch-webhook-signature";
    public static final String ALGORITHM = "x-sinch-webhook-signature-algorithm";
    public static final String NONCE = "x-sinch-webhook-signature-nonce";
    public static final String TIMESTAMP = "x-sinch-webhook-signature-timestamp";
    public static final String HMAC_SHA256 = "HmacSHA256";

    /** Outcome of a check; only {@link #VALID} means "process it". */
    public enum Result { VALID, MISSING_HEADERS, UNSUPPORTED_ALGORITHM, BAD_SIGNATURE, STALE_TIMESTAMP, REPLAYED_NONCE }

    private final byte[] secret;
    private final Clock clock;
    private final Duration tolerance;
    private final NonceRegistry nonces;

    public WebhookSignature(String secret, Clock clock, Duration tolerance, NonceRegistry nonces) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.tolerance = tolerance;
        this.nonces = nonces;
    }

    /** Five minutes either way, nonces remembered in memory. */
    public static WebhookSignature of(String secret, Clock clock) {
        Duration tolerance = Duration.ofMinutes(5);
        return new WebhookSignature(secret, clock, tolerance, new InMemoryNonceRegistry(clock, tolerance.multipliedBy(2)));
    }

    /** @param header looks a request header up by name, case-insensitively (as servlet and JAX-RS do) */
    public Result verify(byte[] rawBody, Function<String, String> header) {
        String signature = header.apply(SIGNATURE);
        String algorithm = header.apply(ALGORITHM);
        String nonce = header.apply(NONCE);
        String timestamp = header.apply(TIMESTAMP);
        if (signature == null || nonce == null || timestamp == null) {
            return Result.MISSING_HEADERS;
        }
        if (algorithm != null && !HMAC_SHA256.equalsIgnoreCase(algorithm.trim())) {
            return Result.UNSUPPORTED_ALGORITHM;
        }
        byte[] expected = hmac(rawBody, nonce.trim(), timestamp.trim());
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return Result.BAD_SIGNATURE;
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return Result.BAD_SIGNATURE;
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException e) {
            return Result.STALE_TIMESTAMP;
        }
        Duration age = Duration.between(signedAt, clock.instant()).abs();
        if (age.compareTo(tolerance) > 0) {
            return Result.STALE_TIMESTAMP;
        }
        return nonces.firstUse(nonce.trim(), signedAt) ? Result.VALID : Result.REPLAYED_NONCE;
    }

    public Result verify(byte[] rawBody, Map<String, String> headers) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return verify(rawBody, name -> lower.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The Base64 signature of a body. */
    public String sign(byte[] rawBody, String nonce, long timestamp) {
        return Base64.getEncoder().encodeToString(hmac(rawBody, nonce, Long.toString(timestamp)));
    }

    /** The four headers Sinch would send with this body. */
    public Map<String, String> signedHeaders(byte[] rawBody, String nonce, long timestamp) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SIGNATURE, sign(rawBody, nonce, timestamp));
        headers.put(ALGORITHM, HMAC_SHA256);
        headers.put(NONCE, nonce);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        return headers;
    }

    private byte[] hmac(byte[] body, String nonce, String timestamp) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret, HMAC_SHA256));
            mac.update(body);
            mac.update(("." + nonce + "." + timestamp).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret=****, tolerance=" + tolerance + "]";
    }
}
