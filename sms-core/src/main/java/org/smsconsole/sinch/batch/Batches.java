package org.smsconsole.sinch.batch;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.Page;
import org.smsconsole.sinch.Paging;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.SinchRules;
import org.smsconsole.sinch.SinchTransport;

/** {@code /batches}: send, dry run, list, get, update, replace, cancel, delivery feedback. */
public final class Batches {
    private final SinchTransport http;
    private final Clock clock;

    public Batches(SinchTransport http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** {@code POST /batches} (201). On a timeout or 5xx look the batch up by client reference before sending again. */
    public Batch send(BatchRequest request) {
        return prepare(request).send();
    }

    /**
     * {@link #send} in two steps: the request checked and written now, sent by {@link Prepared#send()}, so that a
     * caller sending at a given moment (a paced slot) does the slow part before it.
     *
     * @throws org.smsconsole.sinch.SinchValidationException when the request breaks Sinch's rules (nothing sent)
     */
    public Prepared prepare(BatchRequest request) {
        BatchValidator.validate(request, clock.instant());
        return new Prepared(SinchJson.write(request));
    }

    /** A batch request checked and written as JSON, ready for {@code POST /batches}. */
    public final class Prepared {
        private final String json;

        private Prepared(String json) {
            this.json = json;
        }

        public Batch send() {
            return http.call("POST", "batches").json(json).as(Batch.class);
        }
    }

    /**
     * {@code POST /batches/dry_run}: what Sinch would send, without sending.
     *
     * @param perRecipient include the per-recipient detail
     * @param numberOfRecipients how many recipients to detail (Sinch's default when null)
     */
    public DryRunResult dryRun(BatchRequest request, boolean perRecipient, Integer numberOfRecipients) {
        BatchValidator.validate(request, clock.instant());
        return http.call("POST", "batches/dry_run")
                .query("per_recipient", perRecipient)
                .query("number_of_recipients", numberOfRecipients)
                .body(request).as(DryRunResult.class);
    }

    /** One page of {@code GET /batches}, newest first. */
    public Page<Batch> list(BatchQuery query, int page, int pageSize) {
        Paging.checkPageSize(pageSize);
        return http.call("GET", "batches")
                .query("page", page).query("page_size", pageSize)
                .query("from", query.from() == null ? null : Msisdn.normalizeLenient(query.from()))
                .query("start_date", query.startDate()).query("end_date", query.endDate())
                .query("client_reference", query.clientReference())
                .as(BatchList.class);
    }

    /** Every matching batch, fetching pages as the stream is consumed. */
    public Stream<Batch> stream(BatchQuery query) {
        return stream(query, Paging.MAX_PAGE_SIZE);
    }

    public Stream<Batch> stream(BatchQuery query, int pageSize) {
        return Paging.stream(page -> list(query, page, pageSize), pageSize);
    }

    public Batch get(String batchId) {
        SinchRules.id("batch_id", batchId);
        return http.call("GET", "batches/{id}").path("id", batchId).as(Batch.class);
    }

    /** {@code POST /batches/{id}} (not PATCH); a dispatched batch may answer 403 {@code batch_already_dispatched}. */
    public Batch update(String batchId, BatchUpdate update) {
        SinchRules.id("batch_id", batchId);
        BatchValidator.validate(update, clock.instant());
        return http.call("POST", "batches/{id}").path("id", batchId).body(update).as(Batch.class);
    }

    /** {@code PUT /batches/{id}}: cancel and send anew under the same id; omitted fields return to defaults. */
    public Batch replace(String batchId, BatchRequest request) {
        SinchRules.id("batch_id", batchId);
        BatchValidator.validate(request, clock.instant());
        return http.call("PUT", "batches/{id}").path("id", batchId).body(request).as(Batch.class);
    }

    /** {@code DELETE /batches/{id}}: messages already in flight may still arrive. */
    public Batch cancel(String batchId) {
        SinchRules.id("batch_id", batchId);
        return http.call("DELETE", "batches/{id}").path("id", batchId).as(Batch.class);
    }

    /** {@code POST /batches/{id}/delivery_feedback}: these recipients got the message (needs {@code feedback_enabled}). */
    public void deliveryFeedback(String batchId, List<String> recipients) {
        SinchRules.id("batch_id", batchId);
        SinchRules.require(recipients != null && !recipients.isEmpty(), "recipients", "at least one recipient");
        SinchRules.msisdns("recipients", recipients, BatchValidator.MAX_RECIPIENTS);
        List<String> normalized = recipients.stream().map(Msisdn::normalize).toList();
        http.call("POST", "batches/{id}/delivery_feedback").path("id", batchId)
                .body(new DeliveryFeedback(normalized)).send();
    }
}
