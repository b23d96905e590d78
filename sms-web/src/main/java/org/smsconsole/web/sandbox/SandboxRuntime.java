package org.smsconsole.web.sandbox;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.smsconsole.web.sandbox.engine.CallbackPoster;
import org.smsconsole.web.sandbox.engine.SandboxEngine;

/**
 * The one engine of this application, its callback poster, and the heartbeat that moves the
 * simulated network (every 50 ms on the managed scheduled executor, never a thread of its own).
 */
@ApplicationScoped
public class SandboxRuntime {
    private static final Logger LOG = Logger.getLogger(SandboxRuntime.class.getName());
    private static final long TICK_MILLIS = 50;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

    @Inject
    Clock clock;

    @Inject
    SandboxConfig config;

    private SandboxEngine engine;
    private ScheduledFuture<?> heartbeat;

    /** Starts with the application, so that scheduled batches move without waiting for a request. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (config.enabled()) {
            engine();
            LOG.info(() -> "Sinch sandbox serving at /sandbox (service plan " + config.servicePlanId()
                    + (config.sandboxOnly() ? ", sandbox only" : "") + ")");
        }
    }

    public synchronized SandboxEngine engine() {
        if (engine == null) {
            CallbackPoster[] poster = new CallbackPoster[1];
            engine = new SandboxEngine(clock, config.settings(), callback -> poster[0].accept(callback));
            poster[0] = new CallbackPoster(executor, engine::settings, engine.counters(), config.webhookSecret(), clock);
            heartbeat = executor.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return engine;
    }

    public ManagedScheduledExecutorService executor() {
        return executor;
    }

    private void tick() {
        try {
            engine.tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sandbox tick failed", e); // keep the heartbeat alive
        }
    }

    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }
}
