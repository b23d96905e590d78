package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code mt_media} update. Null fields are left unchanged by Sinch. */
public record MediaUpdate(
        @JsonbProperty("to_add") List<String> toAdd,
        @JsonbProperty("to_remove") List<String> toRemove,
        String from,
        MediaBody body,
        Map<String, Map<String, String>> parameters,
        @JsonbProperty("delivery_report") String deliveryReport,
        @JsonbProperty("send_at") Instant sendAt,
        @JsonbProperty("expire_at") Instant expireAt,
        @JsonbProperty("callback_url") String callbackUrl,
        @JsonbProperty("client_reference") String clientReference,
        @JsonbProperty("feedback_enabled") Boolean feedbackEnabled,
        @JsonbProperty("strict_validation") Boolean strictValidation) implements BatchUpdate {

    @Override
    @JsonbProperty("type")
    public String getType() {
        return MediaRequest.TYPE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends BatchFields.UpdateBuilder<Builder> {
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

        public MediaUpdate build() {
            refuseSmsOptions();
            return new MediaUpdate(added(), removed(), from, body, parameters(), deliveryReport, sendAt, expireAt,
                    callbackUrl, clientReference, feedbackEnabled, strictValidation);
        }
    }
}
