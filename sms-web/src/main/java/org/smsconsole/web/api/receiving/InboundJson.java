package org.smsconsole.web.api.receiving;

import jakarta.json.bind.annotation.JsonbProperty;
import org.smsconsole.inbound.InboundMessage;

import java.time.Instant;

/** One inbound message as the API shows it: what Sinch delivered, the contact it was linked to, the keyword it was. */
public record InboundJson(
        long id,
        @JsonbProperty("inbound_id") String inboundId,
        String type,
        String from,
        String to,
        String body,
        String udh,
        @JsonbProperty("contact_id") Long contactId,
        @JsonbProperty("keyword_action") String keywordAction,
        @JsonbProperty("received_at") Instant receivedAt,
        @JsonbProperty("sent_at") Instant sentAt,
        @JsonbProperty("stored_at") Instant storedAt,
        @JsonbProperty("operator_id") String operatorId,
        @JsonbProperty("client_reference") String clientReference) {

    static InboundJson of(InboundMessage m) {
        return new InboundJson(m.getId(), m.getSinchId(), m.getType(), m.getFrom(), m.getTo(), m.getBody(), m.getUdh(), m.getContactId(),
                m.getKeywordAction() == null ? null : m.getKeywordAction().apiName(), m.getReceivedAt(), m.getSentAt(), m.getStoredAt(),
                m.getOperatorId(), m.getClientReference());
    }
}
