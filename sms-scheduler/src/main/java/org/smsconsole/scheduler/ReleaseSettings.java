package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.config.SinchSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * How long after its claim a batch may still appear at Sinch: until then a lookup by client_reference that finds
     * nothing decides nothing; after it, such a lookup means Sinch never applied it and its rows are sent again.
     * Must cover the start of the request, our own wait for the answer and how late Sinch may still apply a request
     * it never answered; it is never taken shorter than the first two (see {@link #lease()}).
     */
    @Inject
    @ConfigProperty(name = "SMS_RELEASE_LEASE_SECONDS", defaultValue = "90")
    long leaseSeconds;

    /** Requests to Sinch in flight at once on this instance: a slow answer holds one, the others keep going. */
    @Inject
    @ConfigProperty(name = "SMS_RELEASE_IN_FLIGHT", defaultValue = "8")
    int inFlight;

    /** Added to the one-second window rates are counted over, for requests that start a little after their slot. */
    @Inject
    @ConfigProperty(name = "SMS_SEND_PACE_GUARD_MS", defaultValue = "50")
    long paceGuardMs;

    /** This instance's name on its claims: the same across its restarts, and no other instance's. */
    @Inject
    @ConfigProperty(name = "SMS_INSTANCE_ID")
    Optional<String> instanceId;

    @Inject
    @ConfigProperty(name = "SMS_PORT")
    Optional<Integer> port;

    @Inject
    SinchSettings sinch;

    /** A claim whose request has not started this long (real time) after the claim goes back to the queue unsent. */
    static final Duration START_WITHIN = Duration.ofSeconds(5);
    private static final Duration MARGIN = Duration.ofSeconds(5);

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

    /**
     * {@code SMS_RELEASE_LEASE_SECONDS}, but never less than a request can take to start and be answered (plus a
     * margin): a shorter lease would send again what a live sender is still waiting for.
     */
    public Duration lease() {
        Duration configured = Duration.ofSeconds(Math.max(1, leaseSeconds));
        Duration floor = START_WITHIN.plus(sinch.requestTimeout()).plus(MARGIN);
        return configured.compareTo(floor) < 0 ? floor : configured;
    }

    /** When rows still SENDING are first looked up: a live sender has its answer, or its failure, by then. */
    public Duration firstLookup() {
        Duration live = START_WITHIN.plus(sinch.requestTimeout()).plus(Duration.ofSeconds(2));
        return live.compareTo(lease()) < 0 ? live : lease();
    }

    public int inFlight() {
        return Math.max(1, inFlight);
    }

    public Duration paceGuard() {
        return Duration.ofMillis(Math.max(0, Math.min(1000, paceGuardMs)));
    }

    /** {@code SMS_INSTANCE_ID}, else the host name and port: what a restart of this instance is called again. */
    public String instanceId() {
        return instanceId.filter(s -> !s.isBlank()).map(String::trim).orElseGet(() -> host() + ":" + port.map(String::valueOf).orElse("console"));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public int maxAttempts() {
        return Math.max(1, maxAttempts);
    }

    public int haltAfter() {
        return Math.max(1, haltAfter);
    }
}
