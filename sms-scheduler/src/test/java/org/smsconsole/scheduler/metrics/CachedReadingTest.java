package org.smsconsole.scheduler.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedReadingTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private final CachedReading<Integer> reading = new CachedReading<>(reads::incrementAndGet, Duration.ofSeconds(5), 20, nanos::get);

    @Test
    void everyAskWithinTheTimeToLiveGetsTheOneValueRead() {
        assertEquals(1, reading.get());
        nanos.addAndGet(Duration.ofMillis(4_999).toNanos());
        for (int gauge = 0; gauge < 14; gauge++) {
            assertEquals(1, reading.get());
        }
        assertEquals(1, reads.get(), "one read for a whole scrape's gauges");
    }

    @Test
    void theValueIsReadAgainOnceItsTimeToLiveIsOver() {
        reading.get();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(2, reading.get());
        assertEquals(2, reading.get());
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(3, reading.get());
    }

    @Test
    void aSlowReadLivesTwentyTimesAsLongAsItTookFromWhenItEnded() {
        AtomicLong readTakes = new AtomicLong(Duration.ofMillis(1_100).toNanos()); // a count of 10 million messages
        CachedReading<Integer> slow = new CachedReading<>(() -> {
            nanos.addAndGet(readTakes.get());
            return reads.incrementAndGet();
        }, Duration.ofSeconds(5), 20, nanos::get);
        slow.get();
        assertEquals(1.1, slow.lastReadSeconds(), 1e-9);
        nanos.addAndGet(Duration.ofSeconds(21).toNanos());
        assertEquals(1, slow.get(), "22 s of life: the database reads for at most a twentieth of the time");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        readTakes.set(Duration.ofMillis(10).toNanos());
        assertEquals(2, slow.get());
        nanos.addAndGet(Duration.ofMillis(4_900).toNanos());
        assertEquals(2, slow.get(), "a fast read lives the minimum, 5 s");
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertEquals(3, slow.get());
    }

    @Test
    void theLastReadsCostIsKnownOnlyOnceThereWasOne() {
        assertTrue(Double.isNaN(reading.lastReadSeconds()));
        reading.get();
        assertEquals(0.0, reading.lastReadSeconds());
    }
}
