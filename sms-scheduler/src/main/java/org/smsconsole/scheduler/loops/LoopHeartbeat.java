package org.smsconsole.scheduler.loops;

import java.time.Clock;
import java.time.Instant;

/**
 * What a loop has done lately: whether it is scheduled, when its current tick began, its last success and failure,
 * and its failures in a row. Real time ({@link Clock#systemUTC()}), never the console's controllable clock: tests
 * stop that one, and a heartbeat measures whether work really happens.
 */
public final class LoopHeartbeat {

    private final Clock clock;
    private boolean running;
    private Instant startedAt;
    private Instant tickStartedAt;
    private Instant lastSuccessAt;
    private Instant lastFailureAt;
    private String lastError;
    private long failuresInARow;
    private long ticks;

    public LoopHeartbeat() {
        this(Clock.systemUTC());
    }

    LoopHeartbeat(Clock clock) {
        this.clock = clock;
    }

    synchronized void scheduled() {
        running = true;
        startedAt = clock.instant();
    }

    synchronized void unscheduled() {
        running = false;
        tickStartedAt = null;
    }

    synchronized void tickStarted() {
        tickStartedAt = clock.instant();
    }

    /** @return the failures in a row this success ends */
    synchronized long succeeded() {
        long ended = failuresInARow;
        lastSuccessAt = clock.instant();
        tickStartedAt = null;
        failuresInARow = 0;
        ticks++;
        return ended;
    }

    /** @return the failures in a row, this one included */
    synchronized long failed(Throwable error) {
        lastFailureAt = clock.instant();
        lastError = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        tickStartedAt = null;
        failuresInARow++;
        ticks++;
        return failuresInARow;
    }

    /** Ticks ended since start, failed ones too (tests wait for "two more ticks"). */
    public synchronized long ticks() {
        return ticks;
    }

    public synchronized LoopStatus status(String name, boolean enabled) {
        return new LoopStatus(name, enabled, running, startedAt, tickStartedAt, lastSuccessAt, lastFailureAt,
                lastError, failuresInARow, ticks);
    }
}
