package org.smsconsole.campaign;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/** What staff ask for, unchecked: {@link Campaigns} validates it into a {@link CampaignPlan}. */
public record CampaignDraft(
        String name,
        Long templateId,
        String body,
        List<Long> groupIds,
        String sender,
        String reportMode,
        Instant sendAt,
        Instant expireAt,
        Integer ratePerSecond,
        LocalTime quietFrom,
        LocalTime quietTo) {
}
