package org.smsconsole.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The signature of an outgoing webhook, as Stripe and Svix do it: HMAC-SHA256 with the subscription's secret
 * (its UTF-8 bytes, {@code whsec_} prefix included) over {@code <timestamp>.<body>}, sent as {@code v1=<hex>}.
 * Signing the timestamp lets a receiver refuse replays of an old request.
 */
public final class EventSignature {

    public static final String EVENT_ID_HEADER = "X-Webhook-Id";
    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    private EventSignature() {
    }

    /** {@code v1=<lower-case hex of HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time (the age of the timestamp is checked apart). */
    public static boolean verify(String secret, String timestamp, String body, String signature) {
        long t;
        try {
            t = Long.parseLong(timestamp);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
        return signature != null && MessageDigest.isEqual(sign(secret, t, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
