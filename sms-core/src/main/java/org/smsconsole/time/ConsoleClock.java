package org.smsconsole.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The console's clock: the system clock, which in-container tests can stop and move (scheduler,
 * expiry, login throttling) instead of waiting for real time to pass. A CDI alternative would be
 * the textbook way, but on Payara beans in WEB-INF/lib jars do not see alternatives declared in
 * the test classes, so the one clock is made controllable instead.
 */
public final class ConsoleClock extends Clock {

    private volatile Clock delegate = system();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return delegate.withZone(zone);
    }

    @Override
    public Instant instant() {
        return delegate.instant();
    }

    /** Stops time at {@code instant} until moved or resumed (tests only). */
    public void stopAt(Instant instant) {
        delegate = Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Moves a stopped (or running) clock forward (tests only). */
    public void advance(Duration duration) {
        delegate = Clock.offset(delegate, duration);
    }

    /** Back to the system clock. */
    public void resume() {
        delegate = system();
    }

    /**
     * Ticks in microseconds, the precision H2 and PostgreSQL keep: a time answered right after a save
     * is the one read back later (the databases would round nanoseconds away).
     */
    private static Clock system() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
