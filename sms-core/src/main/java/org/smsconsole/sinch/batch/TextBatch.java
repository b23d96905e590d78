package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An {@code mt_text} batch as returned by Sinch. */
public record TextBatch(
        String id,
        List<String> to,
        String from,
        Boolean canceled,
        String body,
        Map<String, Map<String, String>> parameters,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("modified_at") Instant modifiedAt,
        @JsonbProperty("delivery_report") String deliveryReport,
        @JsonbProperty("send_at") Instant sendAt,
        @JsonbProperty("expire_at") Instant expireAt,
        @JsonbProperty("callback_url") String callbackUrl,
        @JsonbProperty("client_reference") String clientReference,
        @JsonbProperty("feedback_enabled") Boolean feedbackEnabled,
        @JsonbProperty("flash_message") Boolean flashMessage,
        @JsonbProperty("truncate_concat") Boolean truncateConcat,
        @JsonbProperty("max_number_of_message_parts") Integer maxNumberOfMessageParts,
        @JsonbProperty("from_ton") Integer fromTon,
        @JsonbProperty("from_npi") Integer fromNpi) implements Batch {

    @Override
    @JsonbProperty("type")
    public String getType() {
        return TextRequest.TYPE;
    }
}
