package org.smsconsole.sinch.report;

import java.util.Collection;
import java.util.stream.Stream;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.Page;
import org.smsconsole.sinch.Paging;
import org.smsconsole.sinch.SinchRules;
import org.smsconsole.sinch.SinchTransport;

/** Delivery reports: per batch (summary/full), per recipient, and the list of recipient reports. */
public final class DeliveryReports {
    /** Kinds of a batch report. */
    public enum Kind {
        SUMMARY, FULL;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final SinchTransport http;

    public DeliveryReports(SinchTransport http) {
        this.http = http;
    }

    /**
     * {@code GET /batches/{id}/delivery_report}.
     *
     * @param statuses only these statuses (e.g. {@code Delivered}); null or empty for all
     * @param codes only these codes; null or empty for all
     */
    public BatchDeliveryReport forBatch(String batchId, Kind kind, Collection<String> statuses,
                                        Collection<Integer> codes) {
        SinchRules.id("batch_id", batchId);
        return http.call("GET", "batches/{id}/delivery_report").path("id", batchId)
                .query("type", kind == null ? null : kind.wire())
                .query("status", statuses).query("code", codes)
                .as(BatchDeliveryReport.class);
    }

    public BatchDeliveryReport forBatch(String batchId, Kind kind) {
        return forBatch(batchId, kind, null, null);
    }

    /** {@code GET /batches/{id}/delivery_report/{msisdn}}; the number is sent as digits. */
    public RecipientDeliveryReport forRecipient(String batchId, String msisdn) {
        SinchRules.id("batch_id", batchId);
        SinchRules.msisdn("recipient_msisdn", msisdn);
        return http.call("GET", "batches/{id}/delivery_report/{msisdn}").path("id", batchId)
                .path("msisdn", Msisdn.normalize(msisdn)).as(RecipientDeliveryReport.class);
    }

    /** One page of {@code GET /delivery_reports}. */
    public Page<RecipientDeliveryReport> list(DeliveryReportQuery query, int page, int pageSize) {
        Paging.checkPageSize(pageSize);
        return http.call("GET", "delivery_reports")
                .query("page", page).query("page_size", pageSize)
                .query("start_date", query.startDate()).query("end_date", query.endDate())
                .query("status", query.statuses()).query("code", query.codes())
                .query("client_reference", query.clientReference())
                .as(DeliveryReportList.class);
    }

    public Stream<RecipientDeliveryReport> stream(DeliveryReportQuery query) {
        return stream(query, Paging.MAX_PAGE_SIZE);
    }

    public Stream<RecipientDeliveryReport> stream(DeliveryReportQuery query, int pageSize) {
        return Paging.stream(page -> list(query, page, pageSize), pageSize);
    }
}
