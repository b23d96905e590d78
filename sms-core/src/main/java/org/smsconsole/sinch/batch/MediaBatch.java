package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An {@code mt_media} batch as returned by Sinch. */
public record MediaBatch(
        String id,
        List<String> to,
        String from,
        Boolean canceled,
        MediaBody body,
        Map<String, Map<String, String>> parameters,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("modified_at") Instant modifiedAt,
        @JsonbProperty("delivery_report") String deliveryReport,
        @JsonbProperty("send_at") Instant sendAt,
        @JsonbProperty("expire_at") Instant expireAt,
        @JsonbProperty("callback_url") String callbackUrl,
        @JsonbProperty("client_reference") String clientReference,
        @JsonbProperty("feedback_enabled") Boolean feedbackEnabled,
        @JsonbProperty("strict_validation") Boolean strictValidation) implements Batch {

    @Override
    @JsonbProperty("type")
    public String getType() {
        return MediaRequest.TYPE;
    }
}
