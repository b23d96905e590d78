package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.message.DeliveryReceipts;
import org.smsconsole.scheduler.metrics.ConsoleMetrics;
import org.smsconsole.sinch.Page;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchException;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchQuery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Settles rows left SENDING past their lease (a crash between Sinch's answer and our commit, or a send
 * that timed out or got a 5xx): Sinch is asked for the batch by its client_reference; found, the rows get
 * its id; not found, they are queued again. Never resent blind.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    /** Sinch lists batches from a start date; look from well before the claim. */
    private static final Duration LOOK_BACK = Duration.ofHours(1);
    private static final int BATCHES_PER_PASS = 200;

    @Inject
    Outbox outbox;

    @Inject
    SendingHalt halt;

    @Inject
    Clock clock;

    @Inject
    DeliveryReceipts receipts;

    @Inject
    ConsoleMetrics metrics;

    /** Answers how many batches it settled; stops early if Sinch cannot answer. */
    public int reconcile(SinchClient sinch, Long campaignId) {
        int settled = 0;
        List<Outbox.LeasedBatch> leased = outbox.takeExpiredLeases(campaignId, BATCHES_PER_PASS * 10);
        for (Outbox.LeasedBatch batch : leased) {
            Page<Batch> found;
            try {
                found = sinch.batches().list(BatchQuery.byClientReference(batch.clientReference(), batch.claimedAt().minus(LOOK_BACK)), 0, 1);
            } catch (SinchException e) {
                String what = BatchDispatcher.describe(e);
                outbox.reconcileAt(batch.clientReference(), batch.ids(), clock.instant().plus(Backoff.after(2)),
                        "Checking with Sinch after: " + what);
                halt.failed(what);
                continue;
            }
            halt.succeeded();
            if (found.items() != null && !found.items().isEmpty()) {
                String batchId = found.items().get(0).id();
                metrics.released(outbox.sent(batch.clientReference(), batch.ids(), batchId));
                receipts.adoptOrphans(batchId); // its reports came while the batch id was unknown here
                LOG.info("Reconciled " + batch.ids().size() + " messages of " + batch.clientReference() + ": Sinch has batch " + batchId);
            } else {
                outbox.retryLater(batch.clientReference(), batch.ids(), clock.instant(),
                        "Sinch never received its batch " + batch.clientReference() + ": queued again", true);
                LOG.info("Reconciled " + batch.ids().size() + " messages of " + batch.clientReference() + ": not at Sinch, queued again");
            }
            settled++;
        }
        return settled;
    }
}
