package org.smsconsole.sinch.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.SinchValidationException;
import org.smsconsole.sinch.inbound.BinaryInbound;
import org.smsconsole.sinch.inbound.MediaInbound;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.RecipientDeliveryReport;

class WebhookTest {
    // Sinch's own signature test vector, from the tests of its SDK.
    static final String SECRET = "SMSWebhooksSecret";
    static final String NONCE = "01JHFFHWYY7HSS4FWTMDTQEK8V";
    static final long TIMESTAMP = 1736760161L;
    static final String BODY = "{\"at\":\"2025-01-13T09:22:40.914Z\",\"batch_id\":\"01JHFFHQ0P99JPPNQPJDV7JTBP\","
            + "\"client_reference\":\"a client reference\",\"code\":0,\"operator_status_at\":\"2025-01-13T09:22:00Z\","
            + "\"recipient\":\"33662162466\",\"status\":\"Delivered\",\"type\":\"recipient_delivery_report_sms\"}";
    static final String SIGNATURE = "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=";

    private static WebhookSignature at(long epochSecond) {
        return WebhookSignature.of(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static Map<String, String> headers(String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("X-Sinch-Webhook-Signature", signature);
        h.put("X-Sinch-Webhook-Signature-Algorithm", "HmacSHA256");
        h.put("X-Sinch-Webhook-Signature-Nonce", NONCE);
        h.put("X-Sinch-Webhook-Signature-Timestamp", Long.toString(TIMESTAMP));
        return h;
    }

    private static byte[] body() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sinchTestVectorVerifiesAndSignsTheSame() {
        assertEquals(WebhookSignature.Result.VALID, at(TIMESTAMP + 30).verify(body(), headers(SIGNATURE)));
        assertEquals(SIGNATURE, at(TIMESTAMP).sign(body(), NONCE, TIMESTAMP));
        Map<String, String> signed = at(TIMESTAMP).signedHeaders(body(), NONCE, TIMESTAMP);
        assertEquals(WebhookSignature.Result.VALID, at(TIMESTAMP).verify(body(), signed));
    }

    @Test
    void tamperingIsRefused() {
        byte[] changed = BODY.replace("Delivered", "Failed").getBytes(StandardCharsets.UTF_8);
        assertEquals(WebhookSignature.Result.BAD_SIGNATURE, at(TIMESTAMP).verify(changed, headers(SIGNATURE)));
        assertEquals(WebhookSignature.Result.BAD_SIGNATURE, at(TIMESTAMP).verify(body(), headers("not base64!")));
        Map<String, String> otherNonce = headers(SIGNATURE);
        otherNonce.put("x-sinch-webhook-signature-nonce", "01JHFFHWYY7HSS4FWTMDTQEK8W");
        assertEquals(WebhookSignature.Result.BAD_SIGNATURE, at(TIMESTAMP).verify(body(), otherNonce));
        Map<String, String> md5 = headers(SIGNATURE);
        md5.put("x-sinch-webhook-signature-algorithm", "HmacMD5");
        assertEquals(WebhookSignature.Result.UNSUPPORTED_ALGORITHM, at(TIMESTAMP).verify(body(), md5));
        assertEquals(WebhookSignature.Result.MISSING_HEADERS, at(TIMESTAMP).verify(body(), Map.of()));
        assertEquals(WebhookSignature.Result.BAD_SIGNATURE,
                new WebhookSignature("other secret", Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC),
                        Duration.ofMinutes(5), NonceRegistry.none()).verify(body(), headers(SIGNATURE)));
    }

    @Test
    void staleTimestampsAreRefusedEitherWay() {
        assertEquals(WebhookSignature.Result.VALID, at(TIMESTAMP + 300).verify(body(), headers(SIGNATURE)));
        assertEquals(WebhookSignature.Result.STALE_TIMESTAMP, at(TIMESTAMP + 301).verify(body(), headers(SIGNATURE)));
        assertEquals(WebhookSignature.Result.STALE_TIMESTAMP, at(TIMESTAMP - 301).verify(body(), headers(SIGNATURE)));
    }

    @Test
    void replayedNonceIsRefused() {
        WebhookSignature signature = at(TIMESTAMP);
        assertEquals(WebhookSignature.Result.VALID, signature.verify(body(), headers(SIGNATURE)));
        assertEquals(WebhookSignature.Result.REPLAYED_NONCE, signature.verify(body(), headers(SIGNATURE)));
        WebhookSignature noCheck = new WebhookSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC),
                Duration.ofMinutes(5), NonceRegistry.none());
        noCheck.verify(body(), headers(SIGNATURE));
        assertEquals(WebhookSignature.Result.VALID, noCheck.verify(body(), headers(SIGNATURE)));
    }

    @Test
    void parsesEveryCallbackType() {
        RecipientDeliveryReport report = assertInstanceOf(RecipientDeliveryReport.class, WebhookParser.parse(BODY));
        assertEquals("33662162466", report.recipient());
        assertEquals(Instant.parse("2025-01-13T09:22:00Z"), report.operatorStatusAt());
        assertInstanceOf(RecipientDeliveryReport.class, WebhookParser.parse(BODY.replace("_sms", "_mms")));
        assertInstanceOf(BatchDeliveryReport.class, WebhookParser.parse(
                "{\"type\":\"delivery_report_sms\",\"batch_id\":\"b\",\"statuses\":[{\"code\":0,\"status\":\"Delivered\",\"count\":2}],\"total_message_count\":2}"));
        assertInstanceOf(BatchDeliveryReport.class, WebhookParser.parse("{\"type\":\"delivery_report_mms\",\"batch_id\":\"b\"}"));
        TextInbound text = assertInstanceOf(TextInbound.class, WebhookParser.parse(
                "{\"type\":\"mo_text\",\"id\":\"i\",\"from\":\"46701234567\",\"to\":\"12345\",\"body\":\"STOP\",\"received_at\":\"2026-01-10T10:00:00\",\"new\":1}"));
        assertEquals(Instant.parse("2026-01-10T10:00:00Z"), text.receivedAt(), "no offset means UTC");
        assertInstanceOf(BinaryInbound.class, WebhookParser.parse("{\"type\":\"mo_binary\",\"body\":\"AA==\",\"udh\":\"00\"}"));
        MediaInbound media = assertInstanceOf(MediaInbound.class, WebhookParser.parse(
                "{\"type\":\"mo_media\",\"body\":{\"media\":[{\"url\":\"https://x/y.png\",\"content_type\":\"image/png\",\"status\":\"Uploaded\",\"code\":0}]}}"));
        assertEquals("image/png", media.body().media().get(0).contentType());
    }

    @Test
    void refusesWhatIsNoCallback() {
        assertEquals("type", assertThrows(SinchValidationException.class, () -> WebhookParser.parse("{\"type\":\"mt_text\"}")).field());
        assertEquals("type", assertThrows(SinchValidationException.class, () -> WebhookParser.parse("{}")).field());
        assertEquals("body", assertThrows(SinchValidationException.class, () -> WebhookParser.parse("not json")).field());
        assertEquals("body", assertThrows(SinchValidationException.class, () -> WebhookParser.parse("[1]")).field());
        assertEquals("body", assertThrows(SinchValidationException.class,
                () -> WebhookParser.parse("{\"type\":\"mo_text\",\"received_at\":\"yesterday\"}")).field());
    }
}
