package org.smsconsole.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smsconsole.message.DeliveryReceipts;
import org.smsconsole.scheduler.metrics.ConsoleMetrics;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchException;
import org.smsconsole.sinch.SinchValidationException;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.Batches;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one claimed batch and records what Sinch said, the careful way (docs/architecture.md, "Why sending is careful"):
 * accepted -> SENT with the batch id; certainly not applied (429, refused) -> queued again after a
 * backoff; maybe applied (5xx, timeout) -> left SENDING for the reconciler; about the message (400)
 * -> split up or failed; about the account (401, 403) -> sending halts, rows queued untouched.
 */
@ApplicationScoped
public class BatchDispatcher {

    private static final Logger LOG = Logger.getLogger(BatchDispatcher.class.getName());

    @Inject
    Outbox outbox;

    @Inject
    SendingHalt halt;

    @Inject
    ReleaseSettings settings;

    @Inject
    Clock clock;

    @Inject
    DeliveryReceipts receipts;

    @Inject
    ConsoleMetrics metrics;

    void dispatch(SinchClient sinch, OutgoingBatch batch) {
        prepare(sinch, batch).ifPresent(prepared -> send(sinch, batch, prepared));
    }

    /** The batch's request checked and written; empty when our own client refused it (recorded; never sent). */
    java.util.Optional<Batches.Prepared> prepare(SinchClient sinch, OutgoingBatch batch) {
        try {
            return java.util.Optional.of(sinch.batches().prepare(batch.request()));
        } catch (SinchValidationException e) {
            // Our own client refused it before sending: about the message, never applied.
            refused(batch, "Invalid: " + e.getMessage(), null);
            return java.util.Optional.empty();
        }
    }

    void send(SinchClient sinch, OutgoingBatch batch, Batches.Prepared prepared) {
        Batch accepted;
        try {
            accepted = prepared.send();
        } catch (SinchException e) {
            failed(batch, e);
            return;
        } catch (RuntimeException e) {
            // Unexpected (a bug, a JSON surprise): the request may have left; let the reconciler decide.
            LOG.log(Level.WARNING, "Sending batch " + batch.clientReference() + " failed unexpectedly", e);
            outbox.reconcileAt(batch.clientReference(), batch.messageIds(), clock.instant(), "Unexpected: " + e);
            return;
        }
        metrics.released(outbox.sent(batch.clientReference(), batch.messageIds(), accepted.id()));
        receipts.adoptOrphans(accepted.id()); // a report may have beaten the commit of the batch id
        halt.succeeded();
        if (batch.campaignId() != null && outbox.campaignCancelled(batch.campaignId())) {
            // Cancelled while this batch was on its way: stop at Sinch what has not left yet.
            cancelQuietly(sinch, accepted.id());
        }
    }

    private void failed(OutgoingBatch batch, SinchException e) {
        String what = describe(e);
        int status = e.status();
        if (status == 401 || status == 403 && !"illegal_number_type".equals(e.code())) {
            outbox.retryLater(batch.clientReference(), batch.messageIds(), clock.instant(), "Held: " + what, false);
            halt.halt("Sinch refused the account: " + what);
        } else if (status == 400 || status == 403 || status == 404) {
            refused(batch, what, status);
        } else if (e.mayHaveBeenApplied()) {
            outbox.reconcileAt(batch.clientReference(), batch.messageIds(), clock.instant(), "Checking with Sinch after: " + what);
            halt.failed(what);
        } else {
            // 429, a refused connection: certainly not applied, safe to send again.
            int attempts = batch.attempts() + 1;
            if (attempts >= settings.maxAttempts()) {
                outbox.failed(batch.clientReference(), batch.messageIds(), "Gave up after " + attempts + " attempts: " + what, null);
            } else {
                Instant due = clock.instant().plus(Backoff.after(attempts));
                outbox.retryLater(batch.clientReference(), batch.messageIds(), due, "Retrying after: " + what, true);
            }
            if (status != 429) {
                halt.failed(what);
            }
        }
    }

    private void refused(OutgoingBatch batch, String what, Integer status) {
        if (batch.size() > 1) {
            outbox.splitUp(batch.clientReference(), batch.messageIds(), "Sent again alone after Sinch refused its batch: " + what);
        } else {
            outbox.failed(batch.clientReference(), batch.messageIds(), "Refused by Sinch: " + what, status);
        }
    }

    static void cancelQuietly(SinchClient sinch, String batchId) {
        try {
            sinch.batches().cancel(batchId);
        } catch (SinchException e) {
            // A batch whose messages all left already cannot be cancelled: nothing more to stop.
            LOG.info("Cancel of batch " + batchId + " at Sinch: " + describe(e));
        }
    }

    static String describe(SinchException e) {
        if (e.status() == 0) {
            return "no answer (" + e.code() + ")";
        }
        return e.status() + (e.code() == null ? "" : " " + e.code()) + (e.text() == null ? "" : ": " + e.text());
    }
}
