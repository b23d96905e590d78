package org.smsconsole.scheduler.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read at most once per time to live, whoever asks and however often: a scrape asks each gauge in turn,
 * and several scrapers may come at once, but the database is read once. The time to live is at least
 * {@code minimum}, and longer for a slow read: {@code costFactor} times as long as the read took, so that reading
 * never takes more than 1/costFactor of the time however large the tables grow (a count of 10 million messages
 * takes about a second). Timed by a monotonic clock (not the console's, which tests stop and move): this is about
 * how long ago the value was read.
 */
final class CachedReading<T> {

    private final Supplier<T> read;
    private final long minimumNanos;
    private final long costFactor;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private long ttlNanos;
    private long tookNanos;
    private boolean present;

    CachedReading(Supplier<T> read, Duration minimum, long costFactor, LongSupplier nanoTime) {
        this.read = read;
        this.minimumNanos = minimum.toNanos();
        this.costFactor = costFactor;
        this.nanoTime = nanoTime;
    }

    /** The value read less than its time to live ago, or a fresh one (read while other callers wait). */
    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!present || now - readAt >= ttlNanos) {
            long started = now;
            value = read.get();
            readAt = nanoTime.getAsLong(); // after the read: a slow read does not shorten its own life
            tookNanos = readAt - started;
            ttlNanos = Math.max(minimumNanos, tookNanos * costFactor);
            present = true;
        }
        return value;
    }

    /** How long the last read took, in seconds (NaN before the first). */
    synchronized double lastReadSeconds() {
        return present ? tookNanos / 1e9 : Double.NaN;
    }
}
