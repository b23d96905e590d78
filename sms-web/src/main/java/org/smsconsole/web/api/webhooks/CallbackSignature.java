package org.smsconsole.web.api.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.config.SinchSettings;
import org.smsconsole.sinch.webhook.NonceRegistry;
import org.smsconsole.sinch.webhook.WebhookSignature;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Checks Sinch's {@code x-sinch-webhook-signature*} headers when {@code SMS_SINCH_WEBHOOK_SECRET} is set;
 * without a secret the callback's path must authenticate it instead (see {@link SinchWebhookResource}).
 *
 * <p>Nonces are not remembered: what a callback does is idempotent (reports and MOs are stored once, and a
 * status only moves forward), so a replay within the five minutes the timestamp allows changes nothing, while
 * a nonce memory would hold hundreds of thousands of entries at the rates callbacks arrive.
 */
@ApplicationScoped
public class CallbackSignature {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Inject
    SinchSettings settings;

    @Inject
    org.smsconsole.config.StoredSettings stored;

    @Inject
    Clock clock;

    private volatile Verifier verifier;

    /** A webhook secret is in force: every callback must carry a valid signature. */
    public boolean configured() {
        return settings.webhookSecret().isPresent();
    }

    /** A webhook secret is stored, but sealed with another key. */
    public boolean secretUnreadable() {
        return stored.unreadable(org.smsconsole.config.Setting.SINCH_WEBHOOK_SECRET);
    }

    /** VALID also when no secret is configured (the caller then requires the secret path). */
    public WebhookSignature.Result check(byte[] body, Function<String, String> header) {
        String configured = settings.webhookSecret().orElse(null);
        if (configured == null) {
            return WebhookSignature.Result.VALID;
        }
        return signature(configured).verify(body, header);
    }

    private WebhookSignature signature(String configured) {
        Verifier current = verifier;
        if (current == null || !current.secret().equals(configured)) {
            current = new Verifier(configured, new WebhookSignature(configured, clock, TOLERANCE, NonceRegistry.none()));
            verifier = current;
        }
        return current.signature();
    }

    private record Verifier(String secret, WebhookSignature signature) {
    }
}
