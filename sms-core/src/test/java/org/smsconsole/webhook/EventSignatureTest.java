package org.smsconsole.webhook;

import org.junit.jupiter.api.Test;
import org.smsconsole.validation.InvalidInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outgoing webhook signature against OpenSSL's, and the rule for subscription addresses. */
class EventSignatureTest {

    /** Computed with another implementation: {@code printf '1767225600.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test}. */
    @Test
    void signsTimestampDotBodyWithHmacSha256AsHex() {
        assertEquals(OPENSSL, EventSignature.sign("whsec_test", 1767225600L, "{\"id\":\"evt_1\"}"));
    }

    @Test
    void verifiesOnlyTheSameSecretTimestampAndBody() {
        String body = "{\"id\":\"evt_1\",\"type\":\"webhook.test\"}";
        String signature = EventSignature.sign("whsec_a", 1767225600L, body);
        assertTrue(EventSignature.verify("whsec_a", "1767225600", body, signature));
        assertFalse(EventSignature.verify("whsec_b", "1767225600", body, signature), "another secret");
        assertFalse(EventSignature.verify("whsec_a", "1767225601", body, signature), "another timestamp");
        assertFalse(EventSignature.verify("whsec_a", "1767225600", body + " ", signature), "another body");
        assertFalse(EventSignature.verify("whsec_a", "soon", body, signature), "not a timestamp");
        assertFalse(EventSignature.verify("whsec_a", "1767225600", body, null), "unsigned");
    }

    @Test
    void subscriptionAddressesAreHttpOrHttpsWithAHostAndNoCredentials() {
        assertEquals("https://example.com/hooks?x=1", WebhookSubscriptions.checkUrl("  https://example.com/hooks?x=1 "));
        assertEquals("http://127.0.0.1:8081/h", WebhookSubscriptions.checkUrl("http://127.0.0.1:8081/h"));
        for (String bad : new String[] {"", "ftp://example.com/x", "example.com/hooks", "https:///nohost", "https://u:p@example.com/x",
                "https://example.com/x#frag", "https://exa mple.com/", "javascript:alert(1)", "https://example.com/" + "x".repeat(2000)}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> WebhookSubscriptions.checkUrl(bad), bad);
            assertEquals("url", e.field(), bad);
        }
        assertEquals("https://example.com/hooks?…", WebhookSubscriptions.display("https://example.com/hooks?token=secret"));
    }

    private static final String OPENSSL = "v1=45b40331de0325606dc5400202ade162460fbe48daf9401adfdcd0d7b4f35470";
}
