package org.smsconsole.scheduler.loops;

import java.time.Instant;

/** A loop's heartbeat at one moment; times are null until the event first happens. */
public record LoopStatus(String name, boolean enabled, boolean running, Instant startedAt, Instant tickStartedAt,
                         Instant lastSuccessAt, Instant lastFailureAt, String lastError, long failuresInARow,
                         long ticks) {
}
