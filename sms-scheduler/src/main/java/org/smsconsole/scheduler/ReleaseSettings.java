package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The release engine's knobs (MicroProfile Config; environment variables override). */
@ApplicationScoped
public class ReleaseSettings {

    @Inject
    @ConfigProperty(name = "SMS_RELEASE_ENABLED", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ONLY", defaultValue = "false")
    boolean sandboxOnly;

    @Inject
    @ConfigProperty(name = "SMS_RELEASE_INTERVAL_MS", defaultValue = "1000")
    long intervalMs;

    /** The service plan's messages per second, shared by every instance (0: no limit). */
    @Inject
    @ConfigProperty(name = "SMS_SEND_RATE", defaultValue = "30")
    int planRate;

    @Inject
    @ConfigProperty(name = "SMS_RELEASE_SLICE", defaultValue = "1000")
    int slice;

    @Inject
    @ConfigProperty(name = "SMS_RELEASE_WORKERS", defaultValue = "4")
    int workers;

    /** Longer than a Sinch call can last (connect 10 s + answer 30 s), so a live sender is never second-guessed. */
    @Inject
    @ConfigProperty(name = "SMS_RELEASE_LEASE_SECONDS", defaultValue = "90")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "SMS_RELEASE_MAX_ATTEMPTS", defaultValue = "10")
    int maxAttempts;

    /** Failures in a row (5xx, no connection) after which sending halts until a probe succeeds. */
    @Inject
    @ConfigProperty(name = "SMS_RELEASE_HALT_AFTER", defaultValue = "5")
    int haltAfter;

    public boolean enabled() {
        return enabled && !sandboxOnly;
    }

    public Duration interval() {
        return Duration.ofMillis(Math.max(50, intervalMs));
    }

    public int planRate() {
        return Math.max(0, planRate);
    }

    /** At most 1000: Sinch's limit of recipients per batch. */
    public int slice() {
        return Math.max(1, Math.min(1000, slice));
    }

    public int workers() {
        return Math.max(1, workers);
    }

    public Duration lease() {
        return Duration.ofSeconds(Math.max(5, leaseSeconds));
    }

    public int maxAttempts() {
        return Math.max(1, maxAttempts);
    }

    public int haltAfter() {
        return Math.max(1, haltAfter);
    }
}
