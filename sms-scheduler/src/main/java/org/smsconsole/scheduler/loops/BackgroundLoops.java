package org.smsconsole.scheduler.loops;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts every {@link BackgroundLoop} of the application, one way, and answers for their health.
 *
 * <p>Started by the web module's own start-up listener, with the executor and thread factory injected there: a
 * bean of a library jar that looks the container's executors up by itself gets them only while a component is
 * on the stack. On a full Payara Server the library jars sit in the EAR's {@code lib/}, where an
 * {@code @Initialized(ApplicationScoped)} observer runs with none, and every tick failed with "ComponentId is
 * null". Tasks scheduled from the listener carry the web module's context, so CDI, JTA and JNDI work in them.
 *
 * <p>A failed tick is logged with its stack trace when it starts a run of failures, then in one line at most once a
 * minute, and the recovery once; the heartbeat keeps the count for health and metrics.
 */
@ApplicationScoped
public class BackgroundLoops {

    private static final Logger LOG = Logger.getLogger(BackgroundLoops.class.getName());
    private static final Duration QUIET_LOGGING = Duration.ofMinutes(1);

    @Inject
    @Any
    Instance<BackgroundLoop> all;

    private final Clock realTime = Clock.systemUTC();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private ScheduledExecutorService timer;
    private ManagedThreadFactory threads;

    /** One loop's schedule, and when its failures were last logged. */
    private static final class Running {
        final BackgroundLoop loop;
        ScheduledFuture<?> future;
        Instant failureLoggedAt;

        Running(BackgroundLoop loop) {
            this.loop = loop;
        }
    }

    /** Schedules every enabled loop on {@code timer}; loops with pools of their own make them from {@code threads}. */
    public synchronized void start(ScheduledExecutorService timer, ManagedThreadFactory threads) {
        this.timer = timer;
        this.threads = threads;
        for (BackgroundLoop loop : loops()) {
            if (!loop.enabled()) {
                LOG.info(() -> "Background loop '" + loop.name() + "' is off on this instance");
                continue;
            }
            start(loop);
        }
    }

    private void start(BackgroundLoop loop) {
        if (running.containsKey(loop.name())) {
            return;
        }
        Running r = new Running(loop);
        loop.open(threads);
        r.future = timer.scheduleWithFixedDelay(() -> tick(r), loop.initialDelay().toMillis(),
                loop.interval().toMillis(), TimeUnit.MILLISECONDS);
        loop.heartbeat().scheduled();
        running.put(loop.name(), r);
        LOG.info(() -> "Background loop '" + loop.name() + "' started: a tick every " + loop.interval().toMillis() + " ms");
    }

    private void tick(Running r) {
        LoopHeartbeat heartbeat = r.loop.heartbeat();
        heartbeat.tickStarted();
        try {
            r.loop.tick();
            long failures = heartbeat.succeeded();
            if (failures > 0) {
                LOG.info(() -> "Background loop '" + r.loop.name() + "' works again after " + failures + " failed ticks");
                r.failureLoggedAt = null;
            }
        } catch (InterruptedException e) {
            heartbeat.failed(e);
            Thread.currentThread().interrupt(); // undeployment; the schedule is being cancelled
        } catch (Throwable t) { // never let one bad tick end the schedule
            long failures = heartbeat.failed(t);
            Instant now = realTime.instant();
            if (failures == 1) {
                LOG.log(Level.WARNING, "Background loop '" + r.loop.name() + "' failed; trying again in "
                        + r.loop.interval().toMillis() + " ms", t);
                r.failureLoggedAt = now;
            } else if (r.failureLoggedAt == null || r.failureLoggedAt.plus(QUIET_LOGGING).isBefore(now)) {
                LOG.warning(() -> "Background loop '" + r.loop.name() + "' still failing (" + failures
                        + " ticks in a row): " + t);
                r.failureLoggedAt = now;
            }
        }
    }

    /** Stops one loop (it then reads as not running); an operator's or a test's choice, undone by {@link #resume}. */
    public synchronized void stop(String name) {
        Running r = running.remove(name);
        if (r != null) {
            r.future.cancel(false);
            r.loop.close();
            r.loop.heartbeat().unscheduled();
        }
    }

    /** Starts a loop {@link #stop} stopped, if it is enabled and loops were started at all. */
    public synchronized void resume(String name) {
        if (timer == null) {
            return;
        }
        for (BackgroundLoop loop : loops()) {
            if (loop.name().equals(name) && loop.enabled()) {
                start(loop);
            }
        }
    }

    /** The application's loops (CDI finds every bean that is one). */
    Iterable<BackgroundLoop> loops() {
        return all;
    }

    @PreDestroy
    synchronized void stopAll() {
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }

    /** Every loop of the application, its heartbeat and its verdict, in start order. */
    public List<Judged> health() {
        Instant now = realTime.instant();
        List<Judged> judged = new ArrayList<>();
        for (BackgroundLoop loop : loops()) {
            LoopStatus status = loop.heartbeat().status(loop.name(), loop.enabled());
            judged.add(new Judged(status, LoopHealth.judge(status, loop.interval(), loop.maxTick(), now)));
        }
        return judged;
    }

    public Optional<Judged> health(String name) {
        return health().stream().filter(j -> j.status().name().equals(name)).findFirst();
    }

    /** A loop's heartbeat and what it means. */
    public record Judged(LoopStatus status, LoopHealth.Verdict verdict) {
    }
}
