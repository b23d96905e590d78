package org.smsconsole.web.api.sending;

import jakarta.json.bind.annotation.JsonbProperty;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignCounts;
import org.smsconsole.campaign.QuietHours;
import org.smsconsole.message.MessageState;

import java.time.Instant;
import java.util.List;

/** A campaign as the API shows it; {@code counts} (messages per state) only where one campaign is answered. */
public record CampaignJson(
        long id,
        String name,
        String state,
        @JsonbProperty("template_id") Long templateId,
        String body,
        @JsonbProperty("group_ids") List<Long> groupIds,
        String from,
        @JsonbProperty("delivery_report") String deliveryReport,
        @JsonbProperty("send_at") Instant sendAt,
        @JsonbProperty("expire_at") Instant expireAt,
        @JsonbProperty("rate_per_second") Integer ratePerSecond,
        @JsonbProperty("quiet_hours") QuietHoursJson quietHours,
        @JsonbProperty("recipient_count") long recipientCount,
        @JsonbProperty("created_by") String createdBy,
        @JsonbProperty("created_at") Instant createdAt,
        @JsonbProperty("updated_at") Instant updatedAt,
        @JsonbProperty("scheduled_at") Instant scheduledAt,
        @JsonbProperty("finished_at") Instant finishedAt,
        CountsJson counts) {

    /** {@code {"from":"21:00","to":"08:00"}}, local to each recipient. */
    public record QuietHoursJson(String from, String to) {
        static QuietHoursJson of(QuietHours q) {
            return q == null ? null : new QuietHoursJson(q.from().toString(), q.to().toString());
        }
    }

    public record CountsJson(long queued, long sending, long sent, long delivered, long failed, long expired, long skipped,
                             long cancelled, long total) {
        static CountsJson of(CampaignCounts c) {
            return new CountsJson(c.of(MessageState.QUEUED), c.of(MessageState.SENDING), c.of(MessageState.SENT),
                    c.of(MessageState.DELIVERED), c.of(MessageState.FAILED), c.of(MessageState.EXPIRED), c.of(MessageState.SKIPPED),
                    c.of(MessageState.CANCELLED), c.total());
        }
    }

    static CampaignJson of(Campaign c, CampaignCounts counts) {
        return new CampaignJson(c.getId(), c.getName(), MessageJson.lower(c.getState()), c.getTemplateId(), c.getBody(),
                c.getGroupIds().stream().sorted().toList(), c.getSender(), c.getReportMode().sinch().wire(), c.getSendAt(),
                c.getExpireAt(), c.getRatePerSecond(), QuietHoursJson.of(c.getQuietHours()), c.getRecipientCount(), c.getCreatedBy(),
                c.getCreatedAt(), c.getUpdatedAt(), c.getScheduledAt(), c.getFinishedAt(), counts == null ? null : CountsJson.of(counts));
    }
}
