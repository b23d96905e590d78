package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code mt_media}: an MMS (US only). */
public record MediaRequest(
        List<String> to,
        String from,
        MediaBody body,
        Map<String, Map<String, String>> parameters,
        @JsonbProperty("delivery_report") String deliveryReport,
        @JsonbProperty("send_at") Instant sendAt,
        @JsonbProperty("expire_at") Instant expireAt,
        @JsonbProperty("callback_url") String callbackUrl,
        @JsonbProperty("client_reference") String clientReference,
        @JsonbProperty("feedback_enabled") Boolean feedbackEnabled,
        @JsonbProperty("strict_validation") Boolean strictValidation) implements BatchRequest {

    public static final String TYPE = "mt_media";

    @Override
    @JsonbProperty("type")
    public String getType() {
        return TYPE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends BatchFields.BatchBuilder<Builder> {
        private MediaBody body;
        private Boolean strictValidation;

        public Builder body(MediaBody body) {
            this.body = body;
            return this;
        }

        public Builder strictValidation(boolean strict) {
            this.strictValidation = strict;
            return this;
        }

        public MediaRequest build() {
            refuseSmsOptions();
            return new MediaRequest(to, from, body, parameters(), deliveryReport, sendAt, expireAt, callbackUrl,
                    clientReference, feedbackEnabled, strictValidation);
        }
    }
}
