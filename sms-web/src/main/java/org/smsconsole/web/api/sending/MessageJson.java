package org.smsconsole.web.api.sending;

import jakarta.json.bind.annotation.JsonbProperty;
import org.smsconsole.message.Message;

import java.time.Instant;
import java.util.Locale;

/**
 * One message as the API shows it: what was asked, where it is ({@code state}), and what Sinch said.
 * A campaign's rows carry no body of their own: it is the campaign's, personalised at release. A body that
 * retention erased is absent, and {@code body_erased_at} says when.
 */
public record MessageJson(
        long id,
        String state,
        String kind,
        @JsonbProperty("campaign_id") Long campaignId,
        @JsonbProperty("contact_id") Long contactId,
        String to,
        String body,
        String from,
        @JsonbProperty("media_url") String mediaUrl,
        @JsonbProperty("delivery_report") String deliveryReport,
        @JsonbProperty("send_at") Instant sendAt,
        @JsonbProperty("expire_at") Instant expireAt,
        @JsonbProperty("batch_id") String batchId,
        @JsonbProperty("client_reference") String clientReference,
        @JsonbProperty("sent_at") Instant sentAt,
        @JsonbProperty("status_at") Instant statusAt,
        @JsonbProperty("delivery_status") String deliveryStatus,
        @JsonbProperty("delivery_code") Integer deliveryCode,
        String reason,
        int attempts,
        Integer parts,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("body_erased_at") Instant bodyErasedAt) {

    static MessageJson of(Message m) {
        return new MessageJson(m.getId(), lower(m.getState()), lower(m.getKind()), m.getCampaignId(), m.getContactId(), m.getPhone(),
                m.getBody(), m.getSender(), m.getMediaUrl(), m.getReportMode() == null ? null : m.getReportMode().sinch().wire(),
                m.getSendAt(), m.getExpireAt(), m.getBatchId(), m.getClientReference(), m.getSentAt(), m.getStatusAt(),
                m.getDeliveryStatus(), m.getDeliveryCode(), m.getReason(), m.getAttempts(), m.getParts(), m.getCreatedAt(),
                m.getBodyErasedAt());
    }

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
