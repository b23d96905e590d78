package org.smsconsole.scheduler;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.scheduler.loops.BackgroundLoop;
import org.smsconsole.scheduler.loops.BackgroundLoops;
import org.smsconsole.scheduler.loops.LoopHeartbeat;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchException;
import org.smsconsole.sinch.batch.BatchQuery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The release loop: on every instance, every tick (SMS_RELEASE_INTERVAL_MS, default 1 s) it starts due
 * campaigns, expires what is too old, reconciles stale leases, then lets its workers release due
 * messages until nothing is due or the rate budget is spent, and completes finished campaigns.
 * While sending is halted it only probes Sinch. A timer of our own ({@link BackgroundLoops}), not an EJB timer:
 * those are not coordinated across Payara Micro instances; the database is.
 */
@ApplicationScoped
public class ReleaseLoop implements BackgroundLoop {

    private static final Logger LOG = Logger.getLogger(ReleaseLoop.class.getName());
    /** A tick hands over to housekeeping (expiry, reconciling) at least this often while work remains. */
    private static final long MAX_TICK_MS = 10_000;

    /** The workers' threads: managed, so transactions and CDI work in them. */
    private ExecutorService workers;
    private final LoopHeartbeat heartbeat = new LoopHeartbeat();

    @Inject
    ReleaseSettings settings;

    @Inject
    SinchConnection connection;

    @Inject
    SendingHalt halt;

    @Inject
    CampaignProgress campaigns;

    @Inject
    Reconciler reconciler;

    @Inject
    Releaser releaser;

    @Inject
    InFlightRequests inFlight;

    @Inject
    Outbox outbox;

    /** Whether this instance has yet declared the claims of its earlier life dead (once, before it claims anything). */
    private final java.util.concurrent.atomic.AtomicBoolean ownClaimsChecked = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public String name() {
        return "release";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public Duration interval() {
        return settings.interval();
    }

    @Override
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    /**
     * Exactly {@code SMS_RELEASE_WORKERS} managed threads: the default managed executor's pool may run
     * fewer tasks at once than were submitted.
     */
    @Override
    public void open(ManagedThreadFactory threads) {
        workers = Executors.newFixedThreadPool(settings.workers(), threads);
        inFlight.open(threads);
        LOG.info("Release loop: " + settings.workers() + " workers, plan rate "
                + (settings.planRate() == 0 ? "unlimited" : settings.planRate() + "/s"));
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        inFlight.close();
    }

    /** Ticks ended since start, so tests can wait for "two ticks". */
    public long ticks() {
        return heartbeat.ticks();
    }

    @Override
    public void tick() throws InterruptedException {
        Optional<SinchClient> client;
        try {
            client = connection.client();
        } catch (IllegalArgumentException e) {
            halt.halt("The Sinch settings are incomplete: " + e.getMessage());
            return;
        }
        if (client.isEmpty()) {
            return; // sandbox mode before this server's port is known
        }
        SinchClient sinch = client.get();
        if (halt.halted() && !probe(sinch)) {
            return;
        }
        campaigns.startDue();
        campaigns.expireDue();
        List<Long> reconcilable = campaigns.reconcilable();
        if (ownClaimsChecked.compareAndSet(false, true)) {
            int dead = outbox.ownClaimsAreDead(null);
            for (Long id : reconcilable) {
                dead += outbox.ownClaimsAreDead(id);
            }
            if (dead > 0) {
                LOG.info(dead + " messages claimed by this instance (" + settings.instanceId() + ") before it restarted: looked up at Sinch now");
            }
        }
        for (Long id : reconcilable) {
            reconciler.reconcile(sinch, id);
        }
        reconciler.reconcile(sinch, null);
        release(sinch);
        campaigns.completeSettled();
    }

    /** Workers share the streams until none has anything due, the budget is spent for good or the tick ends. */
    private void release(SinchClient sinch) throws InterruptedException {
        List<SendStream> streams = new ArrayList<>(campaigns.running());
        streams.add(SendStream.singles());
        long deadline = System.currentTimeMillis() + MAX_TICK_MS;
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < settings.workers(); w++) {
            int offset = w;
            running.add(workers.submit(() -> work(sinch, streams, offset, deadline)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.log(Level.WARNING, "Release worker failed", e.getCause());
            }
        }
    }

    /**
     * One worker: takes a place for a request, prepares a slice (budget, claim) and hands it to its own thread,
     * which waits for the slot and sends; it never waits for Sinch's answer, so a slow one stalls nothing but itself.
     */
    private void work(SinchClient sinch, List<SendStream> streams, int offset, long deadline) {
        boolean[] done = new boolean[streams.size()];
        int remaining = streams.size();
        int i = offset;
        while (remaining > 0 && System.currentTimeMillis() < deadline && !Thread.currentThread().isInterrupted()) {
            int s = i++ % streams.size();
            if (done[s]) {
                continue;
            }
            try {
                if (!inFlight.take(deadline - System.currentTimeMillis())) {
                    return; // every place waits for a slow answer: nothing more can leave this instance now
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Releaser.Prepared prepared;
            try {
                prepared = releaser.prepare(streams.get(s), settings.slice());
            } catch (RuntimeException e) {
                inFlight.giveBack();
                throw e;
            }
            if (prepared.hasBatches()) {
                inFlight.run(() -> releaser.send(sinch, prepared));
            } else {
                inFlight.giveBack();
            }
            Releaser.Slice slice = prepared.slice();
            if (slice.paced()) {
                if (!waitForBudget(slice.retryInMs(), deadline)) {
                    return;
                }
            } else if (!slice.progressed()) {
                done[s] = true;
                remaining--;
            } else if (halt.halted()) {
                return;
            }
        }
    }

    private boolean waitForBudget(long wait, long deadline) {
        if (System.currentTimeMillis() + wait >= deadline) {
            return false;
        }
        try {
            Thread.sleep(Math.max(1, wait)); // pacing: the next slot's budget, not waiting for a result
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** While halted: one cheap read. Sinch answering means the account works again. */
    private boolean probe(SinchClient sinch) {
        try {
            sinch.batches().list(BatchQuery.all(), 0, 1);
        } catch (SinchException e) {
            halt.halt(haltReasonOf(e));
            return false;
        }
        halt.resume();
        return true;
    }

    /** Keeps why sending halted and adds what the latest probe said. */
    private String haltReasonOf(SinchException e) {
        String current = halt.state().reason();
        String base = current == null ? "" : current.split(" \\| Probe: ")[0];
        String probe = "Probe: " + BatchDispatcher.describe(e);
        return base.isEmpty() ? probe : base + " | " + probe;
    }
}
