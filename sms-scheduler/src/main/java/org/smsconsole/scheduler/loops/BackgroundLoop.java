package org.smsconsole.scheduler.loops;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.time.Duration;

/**
 * Work every instance repeats on its own timer (the release loop, webhook dispatch, report polling, retention,
 * the import job watch): one tick at a time, a fixed delay between ticks. {@link BackgroundLoops} starts them all
 * the same way and keeps each one's {@link LoopHeartbeat}; a tick that throws is counted and logged there, so a
 * loop lets its failures out instead of swallowing them.
 */
public interface BackgroundLoop {

    /** A short, stable name for logs, health and metrics: {@code release}, {@code webhooks}, ... */
    String name();

    /** Whether this instance runs the loop (a setting, or a sandbox-only instance, may turn it off). */
    boolean enabled();

    /** The delay between the end of one tick and the start of the next. */
    Duration interval();

    /** The delay before the first tick. */
    default Duration initialDelay() {
        return interval();
    }

    /** How long one tick may take before the loop counts as stuck. */
    default Duration maxTick() {
        return Duration.ofMinutes(2).plus(interval().multipliedBy(3));
    }

    /** Before the first tick, with the container's thread factory, for loops that keep a pool of their own. */
    default void open(ManagedThreadFactory threads) {
    }

    /** One round of work; an exception counts as a failed tick and the loop goes on. */
    void tick() throws Exception;

    /** After the last tick (undeployment): release what {@link #open} made. */
    default void close() {
    }

    /** The loop's record of its ticks, kept by {@link BackgroundLoops}. */
    LoopHeartbeat heartbeat();
}
