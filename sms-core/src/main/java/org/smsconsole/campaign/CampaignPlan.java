package org.smsconsole.campaign;

import org.smsconsole.message.DeliveryReportMode;

import java.time.Instant;
import java.util.List;

/** A checked {@link CampaignDraft}: the body resolved from its template, defaults applied. */
public record CampaignPlan(
        String name,
        Long templateId,
        String body,
        List<Long> groupIds,
        String sender,
        DeliveryReportMode reportMode,
        Instant sendAt,
        Instant expireAt,
        Integer ratePerSecond,
        QuietHours quietHours) {
}
