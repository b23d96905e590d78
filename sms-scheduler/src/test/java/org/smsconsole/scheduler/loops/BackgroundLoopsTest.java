package org.smsconsole.scheduler.loops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundLoopsTest {

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** A loop whose ticks fail while {@code failing} is set. */
    static final class Probe implements BackgroundLoop {
        final String name;
        final boolean enabled;
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger ticks = new AtomicInteger();
        final LoopHeartbeat heartbeat = new LoopHeartbeat();

        Probe(String name, boolean enabled) {
            this.name = name;
            this.enabled = enabled;
        }

        public String name() {
            return name;
        }

        public boolean enabled() {
            return enabled;
        }

        public Duration interval() {
            return Duration.ofMillis(20);
        }

        public void tick() {
            ticks.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("the database is away");
            }
        }

        public LoopHeartbeat heartbeat() {
            return heartbeat;
        }
    }

    private static BackgroundLoops of(BackgroundLoop... loops) {
        return new BackgroundLoops() {
            @Override
            Iterable<BackgroundLoop> loops() {
                return List.of(loops);
            }
        };
    }

    private static BackgroundLoops.Judged health(BackgroundLoops loops, String name) {
        return loops.health(name).orElseThrow();
    }

    @Test
    void aLoopThatKeepsFailingIsDownWithItsLastErrorAndUpAgainOnceATickSucceeds() {
        Probe probe = new Probe("release", true);
        BackgroundLoops loops = of(probe);
        loops.start(timer, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.heartbeat.ticks() >= 2);
        assertTrue(health(loops, "release").verdict().up());

        probe.failing.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !health(loops, "release").verdict().up());
        BackgroundLoops.Judged down = health(loops, "release");
        assertTrue(down.verdict().reason().endsWith("the database is away"), down.verdict().reason());
        assertTrue(down.verdict().live());
        int failedTicks = probe.ticks.get();

        probe.failing.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> health(loops, "release").verdict().up());
        assertTrue(probe.ticks.get() > failedTicks, "failed ticks did not end the schedule");
        assertEquals(0, health(loops, "release").status().failuresInARow());
    }

    @Test
    void aStoppedLoopIsNotRunningAndComesBackWhenResumed() {
        Probe probe = new Probe("webhooks", true);
        BackgroundLoops loops = of(probe);
        loops.start(timer, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.heartbeat.ticks() >= 1);

        loops.stop("webhooks");
        BackgroundLoops.Judged stopped = health(loops, "webhooks");
        assertFalse(stopped.verdict().up());
        assertFalse(stopped.verdict().live());
        assertEquals("not running", stopped.verdict().reason());

        loops.resume("webhooks");
        long ticks = probe.heartbeat.ticks();
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.heartbeat.ticks() > ticks);
        assertTrue(health(loops, "webhooks").verdict().up());
    }

    @Test
    void aDisabledLoopIsNeverScheduledAndIsNoReasonToBeDown() {
        Probe off = new Probe("retention", false);
        BackgroundLoops loops = of(off);
        loops.start(timer, null);
        assertEquals(0, off.ticks.get());
        assertFalse(health(loops, "retention").status().running());
        assertTrue(health(loops, "retention").verdict().up());
    }
}
