package org.smsconsole.sinch.inbound;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/** {@code mo_text}. */
public record TextInbound(
        String id,
        String from,
        String to,
        String body,
        @JsonbProperty("received_at") Instant receivedAt,
        @JsonbProperty("sent_at") Instant sentAt,
        @JsonbProperty("operator_id") String operatorId,
        @JsonbProperty("client_reference") String clientReference) implements Inbound {

    public static final String TYPE = "mo_text";

    @Override
    @JsonbProperty("type")
    public String getType() {
        return TYPE;
    }
}
