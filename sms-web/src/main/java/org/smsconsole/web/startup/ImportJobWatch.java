package org.smsconsole.web.startup;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.contact.imports.AbandonedImports;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * From start-up on, every {@link AbandonedImports#BEAT}: moves the heartbeat of this console's
 * import jobs and marks jobs whose console is gone as failed (a crash or restart, here or on
 * another instance sharing the database).
 */
@ApplicationScoped
public class ImportJobWatch {

    private static final Logger LOG = Logger.getLogger(ImportJobWatch.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

    @Inject
    AbandonedImports abandoned;

    private ScheduledFuture<?> watch;

    public synchronized void start() {
        if (watch == null) {
            long period = AbandonedImports.BEAT.toMillis();
            watch = executor.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            abandoned.beat();
            abandoned.reap();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import job watch failed; trying again in " + AbandonedImports.BEAT, e); // e.g. the database is away
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
    }
}
