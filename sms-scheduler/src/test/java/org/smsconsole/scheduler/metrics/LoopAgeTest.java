package org.smsconsole.scheduler.metrics;

import org.junit.jupiter.api.Test;
import org.smsconsole.scheduler.loops.LoopStatus;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopAgeTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant STARTED = NOW.minusSeconds(600);

    private static LoopStatus loop(boolean enabled, Instant startedAt, Instant lastSuccessAt, Instant lastFailureAt, long failures) {
        return new LoopStatus("release", enabled, startedAt != null, startedAt, null, lastSuccessAt, lastFailureAt,
                failures > 0 ? "database away" : null, failures, failures + (lastSuccessAt != null ? 1 : 0));
    }

    @Test
    void theAgeIsSinceTheLastSuccessfulTickWhateverFailedSince() {
        assertEquals(1.5, LoopAge.seconds(loop(true, STARTED, NOW.minusMillis(1500), null, 0), NOW));
        assertEquals(120.0, LoopAge.seconds(loop(true, STARTED, NOW.minusSeconds(120), NOW.minusSeconds(1), 40), NOW));
    }

    @Test
    void aLoopThatNeverSucceededAgesFromItsStart() {
        assertEquals(600.0, LoopAge.seconds(loop(true, STARTED, null, NOW.minusSeconds(2), 300), NOW));
    }

    @Test
    void aLoopThisInstanceDoesNotRunHasNoAgeToAlertOn() {
        assertTrue(Double.isNaN(LoopAge.seconds(loop(false, null, null, null, 0), NOW)), "off by a setting");
        assertTrue(Double.isNaN(LoopAge.seconds(loop(true, null, null, null, 0), NOW)), "not scheduled yet");
    }

    @Test
    void aSuccessStampedAfterNowCountsAsNoAge() {
        assertEquals(0.0, LoopAge.seconds(loop(true, STARTED, NOW.plusMillis(3), null, 0), NOW));
    }
}
