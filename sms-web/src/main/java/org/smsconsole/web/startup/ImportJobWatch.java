package org.smsconsole.web.startup;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.contact.imports.AbandonedImports;
import org.smsconsole.contact.imports.DeferredContactIndexes;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * From start-up on, every {@link AbandonedImports#BEAT}: moves the heartbeat of this console's
 * import jobs, marks jobs whose console is gone as failed (a crash or restart, here or on
 * another instance sharing the database), and builds the contact indexes that a bulk import
 * deferred and no running import still defers ({@link DeferredContactIndexes}).
 */
@ApplicationScoped
public class ImportJobWatch {

    private static final Logger LOG = Logger.getLogger(ImportJobWatch.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

    @Inject
    AbandonedImports abandoned;

    @Inject
    DeferredContactIndexes deferredIndexes;

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
            deferredIndexes.restore(null); // after a crash mid-import, or a failed build at an import's end
        } catch (RuntimeException | java.sql.SQLException e) {
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
