package org.smsconsole.scheduler.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The webhook dispatcher's knobs (MicroProfile Config; environment variables override). */
@ApplicationScoped
public class WebhookSettings {

    @Inject
    @ConfigProperty(name = "SMS_WEBHOOK_DISPATCH", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ONLY", defaultValue = "false")
    boolean sandboxOnly;

    @Inject
    @ConfigProperty(name = "SMS_WEBHOOK_INTERVAL_MS", defaultValue = "1000")
    long intervalMs;

    /** Per request: connecting and the answer's status and body together. */
    @Inject
    @ConfigProperty(name = "SMS_WEBHOOK_TIMEOUT_SECONDS", defaultValue = "10")
    long timeoutSeconds;

    @Inject
    @ConfigProperty(name = "SMS_WEBHOOK_MAX_ATTEMPTS", defaultValue = "30")
    int maxAttempts;

    /** Requests in flight per instance. */
    @Inject
    @ConfigProperty(name = "SMS_WEBHOOK_CONCURRENCY", defaultValue = "16")
    int concurrency;

    /** Requests in flight per subscription and instance: a slow or dead endpoint holds no more than these. */
    @Inject
    @ConfigProperty(name = "SMS_WEBHOOK_PER_ENDPOINT", defaultValue = "4")
    int perEndpoint;

    public boolean enabled() {
        return enabled && !sandboxOnly;
    }

    public Duration interval() {
        return Duration.ofMillis(Math.max(50, intervalMs));
    }

    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    /** Longer than a request can last, so a live attempt is never taken over by another instance. */
    public Duration lease() {
        return timeout().plusSeconds(30);
    }

    public int maxAttempts() {
        return Math.max(1, maxAttempts);
    }

    public int concurrency() {
        return Math.max(1, concurrency);
    }

    public int perEndpoint() {
        return Math.max(1, Math.min(perEndpoint, concurrency()));
    }
}
