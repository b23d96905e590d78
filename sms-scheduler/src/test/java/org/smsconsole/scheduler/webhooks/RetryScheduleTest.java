package org.smsconsole.scheduler.webhooks;

import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits between failed webhook attempts: from about 10 s, doubling, never above an hour, with jitter. */
class RetryScheduleTest {

    @RepeatedTest(20)
    void doublesFromTenSecondsUpToAnHourWithinAQuarterOfJitter() {
        long[] expected = {10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            Duration wait = RetrySchedule.after(attempt);
            long full = expected[attempt - 1] * 1000;
            assertTrue(wait.toMillis() <= full && wait.toMillis() >= full * 3 / 4, "attempt " + attempt + ": " + wait);
        }
        Duration late = RetrySchedule.after(1000);
        assertTrue(late.compareTo(Duration.ofHours(1)) <= 0 && late.compareTo(Duration.ofMinutes(45)) >= 0, late.toString());
    }
}
