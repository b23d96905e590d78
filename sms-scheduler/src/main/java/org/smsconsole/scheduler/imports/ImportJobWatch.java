package org.smsconsole.scheduler.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.smsconsole.contact.imports.AbandonedImports;
import org.smsconsole.contact.imports.DeferredContactIndexes;
import org.smsconsole.scheduler.loops.BackgroundLoop;
import org.smsconsole.scheduler.loops.LoopHeartbeat;

import java.sql.SQLException;
import java.time.Duration;

/**
 * From start-up on, every {@link AbandonedImports#BEAT}: moves the heartbeat of this console's
 * import jobs, marks jobs whose console is gone as failed (a crash or restart, here or on
 * another instance sharing the database), and builds the contact indexes that a bulk import
 * deferred and no running import still defers ({@link DeferredContactIndexes}).
 */
@ApplicationScoped
public class ImportJobWatch implements BackgroundLoop {

    @Inject
    AbandonedImports abandoned;

    @Inject
    DeferredContactIndexes deferredIndexes;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_ONLY", defaultValue = "false")
    boolean sandboxOnly;

    private final LoopHeartbeat heartbeat = new LoopHeartbeat();

    @Override
    public String name() {
        return "import-watch";
    }

    /** A sandbox-only instance has no contacts. */
    @Override
    public boolean enabled() {
        return !sandboxOnly;
    }

    @Override
    public Duration interval() {
        return AbandonedImports.BEAT;
    }

    /** At once: a job another console left behind is failed, and deferred indexes rebuilt, as soon as possible. */
    @Override
    public Duration initialDelay() {
        return Duration.ZERO;
    }

    @Override
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    @Override
    public void tick() throws SQLException {
        abandoned.beat();
        abandoned.reap();
        deferredIndexes.restore(null); // after a crash mid-import, or a failed build at an import's end
    }
}
