package org.smsconsole.scheduler.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportLagTest {

    private static final Instant STORED = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void theLagIsFromSinchsTimeToTheMomentItWasStored() {
        assertEquals(Duration.ofSeconds(42), ReportLag.between(STORED.minusSeconds(42), STORED));
        assertEquals(Duration.ofHours(3).plusMillis(5), ReportLag.between(STORED.minus(Duration.ofHours(3).plusMillis(5)), STORED));
    }

    @Test
    void aReportStampedAfterItWasStoredHasNoLagRatherThanANegativeOne() {
        assertEquals(Duration.ZERO, ReportLag.between(STORED.plusMillis(800), STORED), "Sinch's clock a little ahead of ours");
        assertEquals(Duration.ZERO, ReportLag.between(STORED, STORED));
    }
}
