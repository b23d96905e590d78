package org.smsconsole.sinch.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nonces kept in memory until their timestamp is older than the tolerance (after that the
 * timestamp check refuses the replay anyway). Per instance: a cluster wants a shared store.
 */
public final class InMemoryNonceRegistry implements NonceRegistry {
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration tolerance;

    public InMemoryNonceRegistry(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    @Override
    public boolean firstUse(String nonce, Instant timestamp) {
        Instant horizon = clock.instant().minus(tolerance);
        seen.values().removeIf(t -> t.isBefore(horizon));
        return seen.putIfAbsent(nonce, timestamp) == null;
    }
}
