package org.smsconsole.scheduler;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The requests to Sinch this instance has in flight, at most {@code SMS_RELEASE_IN_FLIGHT}, each on a managed
 * thread of its own: the release workers claim and hand over, and never wait for an answer, so one request
 * waiting for its timeout holds one place while the others keep the campaign going at the plan rate.
 * A place is taken before the claim, so a claimed batch never queues for a thread.
 */
@ApplicationScoped
public class InFlightRequests {

    private static final Logger LOG = Logger.getLogger(InFlightRequests.class.getName());

    @Inject
    ReleaseSettings settings;

    private Semaphore places;
    private ExecutorService threads;

    /** Threads from the factory the release loop is opened with (the WAR's: library beans cannot look one up in an EAR). */
    synchronized void open(ManagedThreadFactory factory) {
        if (threads == null) {
            places = new Semaphore(settings.inFlight());
            threads = Executors.newCachedThreadPool(factory);
        }
    }

    private synchronized void requireOpen() {
        if (threads == null) {
            throw new IllegalStateException("Requests to Sinch are sent only while the release loop runs");
        }
    }

    /** Takes a place, waiting at most {@code maxWaitMs}; false when every place stayed busy (slow answers). */
    public boolean take(long maxWaitMs) throws InterruptedException {
        requireOpen();
        return places.tryAcquire(Math.max(0, maxWaitMs), TimeUnit.MILLISECONDS);
    }

    /** Gives back a place taken and not used (nothing was claimed). */
    public void giveBack() {
        places.release();
    }

    /** Runs {@code request} on its own thread; its place is free again when it ends. */
    public void run(Runnable request) {
        requireOpen();
        try {
            threads.execute(() -> {
                try {
                    request.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A request to Sinch failed unexpectedly", e);
                } finally {
                    places.release();
                }
            });
        } catch (RuntimeException e) {
            places.release();
            throw e;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (threads != null) {
            threads.shutdownNow();
            threads = null;
        }
    }
}
