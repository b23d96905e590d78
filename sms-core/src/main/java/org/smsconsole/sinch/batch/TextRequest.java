package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code mt_text}: a text message, optionally personalised with {@code parameters}. */
public record TextRequest(
        List<String> to,
        String from,
        String body,
        Map<String, Map<String, String>> parameters,
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
        @JsonbProperty("from_npi") Integer fromNpi) implements BatchRequest {

    public static final String TYPE = "mt_text";

    @Override
    @JsonbProperty("type")
    public String getType() {
        return TYPE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends BatchFields.BatchBuilder<Builder> {
        private String body;

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public TextRequest build() {
            return new TextRequest(to, from, body, parameters(), deliveryReport, sendAt, expireAt, callbackUrl,
                    clientReference, feedbackEnabled, flashMessage, truncateConcat, maxNumberOfMessageParts,
                    fromTon, fromNpi);
        }
    }
}
