package org.smsconsole.scheduler.loops;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a loop does its work, judged from its heartbeat alone (no I/O, so it is unit-tested). A loop is down
 * when it should run and does not (never scheduled, or its schedule ended), when one tick has lasted longer than
 * the loop allows (stuck), or when it keeps failing: {@link #FAILURES} ticks in a row have failed and nothing has
 * succeeded for three intervals. Down is "restart me" when not running or stuck ({@link Verdict#live} false),
 * and only "do not send me traffic" when failing (a restart would not mend a database that is away).
 */
public final class LoopHealth {

    /** Failed ticks in a row before a loop counts as failing: one failure is a blip, three are a pattern. */
    public static final int FAILURES = 3;

    private LoopHealth() {
    }

    /** @param live false when a restart is what would help; {@code reason} is null when up */
    public record Verdict(boolean up, boolean live, String reason) {
        static final Verdict UP = new Verdict(true, true, null);
    }

    public static Verdict judge(LoopStatus loop, Duration interval, Duration maxTick, Instant now) {
        if (!loop.enabled()) {
            return Verdict.UP;
        }
        if (!loop.running()) {
            return new Verdict(false, false, "not running");
        }
        if (loop.tickStartedAt() != null && Duration.between(loop.tickStartedAt(), now).compareTo(maxTick) > 0) {
            return new Verdict(false, false, "one tick has lasted " + seconds(loop.tickStartedAt(), now)
                    + " s (stuck; at most " + maxTick.toSeconds() + " s expected)");
        }
        Instant lastGood = loop.lastSuccessAt() != null ? loop.lastSuccessAt() : loop.startedAt();
        boolean longWithoutSuccess = lastGood == null
                || Duration.between(lastGood, now).compareTo(interval.multipliedBy(3)) > 0;
        if (loop.failuresInARow() >= FAILURES && longWithoutSuccess) {
            return new Verdict(false, true, "failing: " + loop.failuresInARow() + " ticks in a row, the last "
                    + seconds(loop.lastFailureAt(), now) + " s ago: " + loop.lastError());
        }
        return Verdict.UP;
    }

    private static long seconds(Instant from, Instant to) {
        return from == null ? 0 : Math.max(0, Duration.between(from, to).toSeconds());
    }
}
