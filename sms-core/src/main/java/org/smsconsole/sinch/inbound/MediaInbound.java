package org.smsconsole.sinch.inbound;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** {@code mo_media}: an MMS with its media items. */
public record MediaInbound(
        String id,
        String from,
        String to,
        Body body,
        @JsonbProperty("received_at") Instant receivedAt,
        @JsonbProperty("sent_at") Instant sentAt,
        @JsonbProperty("operator_id") String operatorId,
        @JsonbProperty("client_reference") String clientReference) implements Inbound {

    public static final String TYPE = "mo_media";

    @Override
    @JsonbProperty("type")
    public String getType() {
        return TYPE;
    }

    public record Body(String subject, String message, List<Media> media) {
    }

    /** {@code status} is {@code Uploaded} or {@code Failed}. */
    public record Media(String url, @JsonbProperty("content_type") String contentType, String status,
                        Integer code) {
    }
}
