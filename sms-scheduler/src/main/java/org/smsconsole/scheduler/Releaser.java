package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.sinch.SinchClient;

/**
 * Releases one slice of a stream: takes a budget from the pacer (the service plan's rate, the campaign's),
 * claims at most that many due rows, and hands their batches to Sinch. Any number of these run at
 * once, on any number of instances: the claim's SKIP LOCKED keeps them apart.
 */
@ApplicationScoped
public class Releaser {

    @Inject
    Outbox outbox;

    @Inject
    Pacer pacer;

    @Inject
    BatchDispatcher dispatcher;

    @Inject
    ReleaseSettings settings;

    /** What one slice did. */
    public record Slice(int claimed, int settled, boolean paced) {
        static final Slice NOTHING = new Slice(0, 0, false);
        static final Slice PACED = new Slice(0, 0, true);

        /** Worth another slice at once: rows were due. */
        public boolean progressed() {
            return claimed + settled > 0;
        }
    }

    public Slice releaseOne(SinchClient sinch, SendStream stream, int limit) {
        int wanted = Math.min(limit, settings.slice());
        int granted = pacer.reserve(Pacer.PLAN, settings.planRate(), wanted);
        String scope = stream.rateScope();
        int campaignGranted = scope == null ? granted : pacer.reserve(scope, stream.ratePerSecond(), granted);
        if (campaignGranted < granted) {
            pacer.giveBack(Pacer.PLAN, granted - campaignGranted);
            granted = campaignGranted;
        }
        if (granted == 0) {
            return Slice.PACED;
        }
        Outbox.Claim claim = outbox.claim(stream, granted);
        int used = claim.claimed();
        if (used < granted) {
            pacer.giveBack(Pacer.PLAN, granted - used);
            if (scope != null) {
                pacer.giveBack(scope, granted - used);
            }
        }
        for (OutgoingBatch batch : claim.batches()) {
            dispatcher.dispatch(sinch, batch);
        }
        if (claim.locked() == 0) {
            return Slice.NOTHING;
        }
        return new Slice(used, claim.expired() + claim.skipped() + claim.deferred(), false);
    }
}
