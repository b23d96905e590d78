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
 * that timed out, lost its connection or got a 5xx): Sinch is asked for the batch by its client_reference.
 * Found, the rows get its id. Not found is only an answer once the batch's doubt window has passed (Sinch
 * may apply a request long after the client gave up on it): before that the rows stay SENDING and are
 * looked up again, ever less often, and once more right at the window's end; after it they are queued
 * again. Never resent blind: see docs/sending.md.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    /** Sinch lists batches from a start date; look from well before the claim. */
    private static final Duration LOOK_BACK = Duration.ofHours(1);
    private static final int BATCHES_PER_PASS = 200;
    /** The first look again after a miss; then half the batch's age each time. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

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
            // What counts is when Sinch was asked: only a question put after the doubt window can be answered "never".
            java.time.Instant asked = clock.instant();
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
            } else if (asked.isBefore(batch.doubtUntil())) {
                outbox.reconcileAt(batch.clientReference(), batch.ids(), nextLook(batch),
                        "In doubt: not at Sinch yet, looked up again until " + batch.doubtUntil());
                continue;
            } else {
                outbox.retryLater(batch.clientReference(), batch.ids(), clock.instant(),
                        "Sinch never received its batch " + batch.clientReference() + ": queued again", true);
                LOG.info("Reconciled " + batch.ids().size() + " messages of " + batch.clientReference() + ": not at Sinch, queued again");
            }
            settled++;
        }
        return settled;
    }

    /** Ever less often (half the batch's age, at least a second), and never past the end of its doubt window. */
    private java.time.Instant nextLook(Outbox.LeasedBatch batch) {
        java.time.Instant now = clock.instant();
        Duration age = batch.claimedAt() == null ? Duration.ZERO : Duration.between(batch.claimedAt(), now);
        Duration wait = age.dividedBy(2).compareTo(FIRST_RETRY) < 0 ? FIRST_RETRY : age.dividedBy(2);
        java.time.Instant next = now.plus(wait);
        return next.isAfter(batch.doubtUntil()) ? batch.doubtUntil() : next;
    }
}
