package org.smsconsole.scheduler.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CachedReadingTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private final CachedReading<Integer> reading = new CachedReading<>(reads::incrementAndGet, Duration.ofSeconds(5), nanos::get);

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
    void aSlowReadLivesItsFullTimeFromWhenItEnded() {
        CachedReading<Integer> slow = new CachedReading<>(() -> {
            nanos.addAndGet(Duration.ofSeconds(3).toNanos()); // the read itself takes 3 s
            return reads.incrementAndGet();
        }, Duration.ofSeconds(5), nanos::get);
        slow.get();
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(1, slow.get(), "7 s after the read began, 4 s after it ended: still fresh");
    }
}
