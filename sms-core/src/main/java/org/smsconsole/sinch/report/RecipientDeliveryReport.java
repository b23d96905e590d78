package org.smsconsole.sinch.report;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import org.smsconsole.sinch.webhook.WebhookEvent;

/**
 * The status of one recipient ({@code recipient_delivery_report_sms|mms}). {@code encoding}
 * is {@code GSM} or {@code UNICODE}. Also a callback payload.
 */
public record RecipientDeliveryReport(
        String type,
        @JsonbProperty("batch_id") String batchId,
        String recipient,
        Integer code,
        String status,
        Instant at,
        @JsonbProperty("operator_status_at") Instant operatorStatusAt,
        @JsonbProperty("client_reference") String clientReference,
        @JsonbProperty("applied_originator") String appliedOriginator,
        String encoding,
        @JsonbProperty("number_of_message_parts") Integer numberOfMessageParts,
        String operator) implements WebhookEvent {

    public static final String SMS = "recipient_delivery_report_sms";
    public static final String MMS = "recipient_delivery_report_mms";
}
