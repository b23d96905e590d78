package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** {@code mt_binary}: Base64 {@code body} and hex {@code udh}, 140 bytes together. */
public record BinaryRequest(
        List<String> to,
        String from,
        String body,
        String udh,
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

    public static final String TYPE = "mt_binary";

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
        private String udh;

        /** Base64 payload. */
        public Builder body(String base64) {
            this.body = base64;
            return this;
        }

        /** Hex user data header. */
        public Builder udh(String hex) {
            this.udh = hex;
            return this;
        }

        public BinaryRequest build() {
            return new BinaryRequest(to, from, body, udh, deliveryReport, sendAt, expireAt, callbackUrl,
                    clientReference, feedbackEnabled, flashMessage, truncateConcat, maxNumberOfMessageParts,
                    fromTon, fromNpi);
        }
    }
}
