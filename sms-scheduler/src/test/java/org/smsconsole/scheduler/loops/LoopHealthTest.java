package org.smsconsole.scheduler.loops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MAX_TICK = Duration.ofMinutes(2);

    private static LoopStatus loop(boolean enabled, boolean running, Instant tickStarted, Instant lastSuccess,
                                   long failures) {
        return new LoopStatus("release", enabled, running, NOW.minusSeconds(600), tickStarted, lastSuccess,
                failures > 0 ? NOW.minusSeconds(1) : null, failures > 0 ? "connection refused" : null, failures, 100);
    }

    private static LoopHealth.Verdict judge(LoopStatus status) {
        return LoopHealth.judge(status, SECOND, MAX_TICK, NOW);
    }

    @Test
    void aLoopThatIsOffOnThisInstanceIsNoReasonToBeDown() {
        assertTrue(judge(loop(false, false, null, null, 0)).up());
    }

    @Test
    void anEnabledLoopThatIsNotScheduledIsDownAndNeedsARestart() {
        LoopHealth.Verdict verdict = judge(loop(true, false, null, NOW.minusSeconds(1), 0));
        assertFalse(verdict.up());
        assertFalse(verdict.live());
        assertEquals("not running", verdict.reason());
    }

    @Test
    void aTickLastingLongerThanTheLoopAllowsIsStuck() {
        LoopHealth.Verdict verdict = judge(loop(true, true, NOW.minus(MAX_TICK).minusSeconds(1), NOW.minusSeconds(200), 0));
        assertFalse(verdict.up());
        assertFalse(verdict.live());
        assertTrue(verdict.reason().startsWith("one tick has lasted 121 s"), verdict.reason());
    }

    @Test
    void aLongButAllowedTickIsUp() {
        assertTrue(judge(loop(true, true, NOW.minus(MAX_TICK), NOW.minusSeconds(200), 0)).up());
    }

    @Test
    void threeFailedTicksInARowWithNoSuccessForThreeIntervalsIsDownButAlive() {
        LoopHealth.Verdict verdict = judge(loop(true, true, null, NOW.minusSeconds(4), 3));
        assertFalse(verdict.up());
        assertTrue(verdict.live(), "a restart would not mend what the ticks fail on");
        assertTrue(verdict.reason().contains("3 ticks in a row") && verdict.reason().endsWith("connection refused"),
                verdict.reason());
    }

    @Test
    void twoFailuresAreABlipNotAPattern() {
        assertTrue(judge(loop(true, true, null, NOW.minusSeconds(60), 2)).up());
    }

    @Test
    void failuresRightAfterARecentSuccessAreNotYetDown() {
        // A loop with a long interval: three failures can only follow a success more than three intervals ago.
        assertTrue(LoopHealth.judge(loop(true, true, null, NOW.minusSeconds(2), 3), Duration.ofSeconds(10), MAX_TICK, NOW).up());
    }

    @Test
    void aLoopThatHasNeverSucceededSinceItsStartLongAgoIsDownOnceItHasFailedThreeTimes() {
        assertFalse(judge(loop(true, true, null, null, 3)).up());
    }
}
