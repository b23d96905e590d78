package org.smsconsole.sinch.report;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.smsconsole.sinch.webhook.WebhookEvent;

/**
 * A batch's report ({@code delivery_report_sms} or {@code delivery_report_mms}): counts per
 * status and code; recipients only in a {@code full} report. Also a callback payload.
 */
public record BatchDeliveryReport(
        String type,
        @JsonbProperty("batch_id") String batchId,
        @JsonbProperty("total_message_count") Integer totalMessageCount,
        List<StatusCount> statuses,
        @JsonbProperty("client_reference") String clientReference) implements WebhookEvent {

    public static final String SMS = "delivery_report_sms";
    public static final String MMS = "delivery_report_mms";

    /** One line of a batch report. */
    public record StatusCount(Integer code, String status, Integer count, List<String> recipients) {
    }
}
