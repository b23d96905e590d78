package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code mt_text} update. Null fields are left unchanged by Sinch. */
public record TextUpdate(
        @JsonbProperty("to_add") List<String> toAdd,
        @JsonbProperty("to_remove") List<String> toRemove,
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
        @JsonbProperty("from_npi") Integer fromNpi) implements BatchUpdate {

    @Override
    @JsonbProperty("type")
    public String getType() {
        return TextRequest.TYPE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends BatchFields.UpdateBuilder<Builder> {
        private String body;

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public TextUpdate build() {
            return new TextUpdate(added(), removed(), from, body, parameters(), deliveryReport, sendAt, expireAt,
                    callbackUrl, clientReference, feedbackEnabled, flashMessage, truncateConcat,
                    maxNumberOfMessageParts, fromTon, fromNpi);
        }
    }
}
