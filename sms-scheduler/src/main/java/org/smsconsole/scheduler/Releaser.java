package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.sinch.SinchClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Releases one slice of a stream in two steps: {@link #prepare} takes a budget from the pacer (the service plan's
 * rate, the campaign's) with the slot it may leave at, and claims at most that many due rows shortly before the
 * slot; {@link #send} waits for the slot and hands the batches to Sinch. Any number of these run at once, on any
 * number of instances: the claim's SKIP LOCKED keeps them apart, the pacer's slots keep them within the rates.
 */
@ApplicationScoped
public class Releaser {

    /** A grant further ahead than this is not waited for: the worker turns to other streams meanwhile. */
    static final long MAX_AHEAD_MS = 1000;

    @Inject
    Outbox outbox;

    @Inject
    Pacer pacer;

    @Inject
    BatchDispatcher dispatcher;

    @Inject
    ReleaseSettings settings;

    @Inject
    Clock clock;

    /** What one slice did; {@code paced}: no budget yet, ask again in {@code retryInMs}. */
    public record Slice(int claimed, int settled, boolean paced, long retryInMs) {
        static final Slice NOTHING = new Slice(0, 0, false, 0);

        static Slice paced(long retryInMs) {
            return new Slice(0, 0, true, retryInMs);
        }

        /** Worth another slice at once: rows were due. */
        public boolean progressed() {
            return claimed + settled > 0;
        }
    }

    /** A claim and the grant it leaves under; {@code claimedNanos} when the claim began (this instance's real time). */
    public record Prepared(Slice slice, Outbox.Claim claim, Pacer.Grant grant, List<Pacer.Scope> scopes, long claimedNanos) {
        public boolean hasBatches() {
            return claim != null && !claim.batches().isEmpty();
        }
    }

    /** Prepares and sends at once, on this thread. */
    public Slice releaseOne(SinchClient sinch, SendStream stream, int limit) {
        Prepared prepared = prepare(stream, limit);
        if (prepared.hasBatches()) {
            send(sinch, prepared);
        }
        return prepared.slice();
    }

    public Prepared prepare(SendStream stream, int limit) {
        if (settings.planRate() > 0 || stream.rateScope() != null) {
            // A budget taken for a stream with nothing due would push other streams' slots back until it is given back.
            if (!outbox.anyDue(stream)) {
                return new Prepared(Slice.NOTHING, null, null, List.of(), 0);
            }
        }
        List<Pacer.Scope> scopes = new ArrayList<>();
        scopes.add(new Pacer.Scope(Pacer.PLAN, settings.planRate()));
        if (stream.rateScope() != null) {
            scopes.add(new Pacer.Scope(stream.rateScope(), stream.ratePerSecond()));
        }
        Pacer.Grant grant = pacer.reserve(scopes, Math.min(limit, settings.slice()), MAX_AHEAD_MS);
        if (!grant.granted()) {
            return new Prepared(Slice.paced(grant.retryInMs()), null, grant, scopes, 0);
        }
        // Claimed just before the slot, so that rows wait SENDING as little as possible.
        if (!sleepUntil(grant.deadlineNanos() - Pacer.LEAD_MS * 1_000_000)) {
            pacer.giveBack(grant, grant.messages());
            return new Prepared(Slice.NOTHING, null, grant, scopes, 0);
        }
        long claimedNanos = System.nanoTime();
        Outbox.Claim claim = outbox.claim(stream, grant.messages());
        pacer.giveBack(grant, grant.messages() - claim.claimed());
        Slice slice = claim.locked() == 0 ? Slice.NOTHING
                : new Slice(claim.claimed(), claim.expired() + claim.skipped() + claim.deferred(), false, 0);
        return new Prepared(slice, claim, grant, scopes, claimedNanos);
    }

    /**
     * Each batch leaves in its slot: no earlier, and no later than the pace guard after it (else it takes a new
     * slot, giving the old one back: a late start would crowd the next slot's second). A batch whose request has
     * not started within {@link ReleaseSettings#START_WITHIN} of its claim goes back to the queue unsent, so a
     * claim's doubt window always covers its request.
     */
    public void send(SinchClient sinch, Prepared prepared) {
        Pacer.Grant grant = prepared.grant();
        long guardNanos = settings.paceGuard().toNanos();
        for (OutgoingBatch batch : prepared.claim().batches()) {
            // Checked and written before the slot: after it only the request itself remains.
            java.util.Optional<org.smsconsole.sinch.batch.Batches.Prepared> request = dispatcher.prepare(sinch, batch);
            if (request.isEmpty()) {
                pacer.giveBack(grant, batch.size());
                continue;
            }
            while (true) {
                if (!sleepUntil(grant.deadlineNanos())) {
                    putBack(grant, batch, "stopping");
                    break;
                }
                if (System.nanoTime() - prepared.claimedNanos() > ReleaseSettings.START_WITHIN.toNanos()) {
                    putBack(grant, batch, "its request could not start in time");
                    break;
                }
                // Half the guard for a late start, half for the way from here to the wire.
                if (grant.ids().isEmpty() || System.nanoTime() - grant.deadlineNanos() <= guardNanos / 2) { // no rate, or in its slot
                    dispatcher.send(sinch, batch, request.get());
                    break;
                }
                pacer.giveBack(grant, batch.size());
                grant = pacer.reserve(prepared.scopes(), batch.size(), ReleaseSettings.START_WITHIN.toMillis());
                if (grant.messages() != batch.size()) {
                    putBack(grant, batch, "no slot for it in time");
                    break;
                }
            }
        }
    }

    /** Never sent: the rows go back to the queue at once, the attempt not counted, the slot given back. */
    private void putBack(Pacer.Grant grant, OutgoingBatch batch, String why) {
        pacer.giveBack(grant, batch.size());
        outbox.retryLater(batch.clientReference(), batch.messageIds(), clock.instant(), "Not sent: " + why + "; queued again", false);
    }

    /** Pacing: waiting for a slot, not for a result. False when interrupted (the instance is stopping). */
    private static boolean sleepUntil(long deadlineNanos) {
        long wait = deadlineNanos - System.nanoTime();
        if (wait <= 0) {
            return true;
        }
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
