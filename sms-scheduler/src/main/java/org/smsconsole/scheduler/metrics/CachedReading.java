package org.smsconsole.scheduler.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read at most once per time to live, whoever asks and however often: a scrape asks each gauge in turn,
 * and several scrapers may come at once, but the database is read once. Timed by a monotonic clock (not the
 * console's, which tests stop and move): this is about how long ago the value was read.
 */
final class CachedReading<T> {

    private final Supplier<T> read;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private boolean present;

    CachedReading(Supplier<T> read, Duration ttl, LongSupplier nanoTime) {
        this.read = read;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The value read less than the time to live ago, or a fresh one (read while other callers wait). */
    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!present || now - readAt >= ttlNanos) {
            value = read.get();
            readAt = nanoTime.getAsLong(); // after the read: a slow read does not shorten its own life
            present = true;
        }
        return value;
    }
}
