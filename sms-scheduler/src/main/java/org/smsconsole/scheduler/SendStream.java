package org.smsconsole.scheduler;

import org.smsconsole.campaign.QuietHours;
import org.smsconsole.message.DeliveryReportMode;

/**
 * One queue the loop releases from: a running campaign (its body, sender, rate and quiet hours
 * apply to all its rows) or the single messages (campaignId null, each row brings its own).
 */
public record SendStream(Long campaignId, String body, String sender, DeliveryReportMode reportMode,
                         Integer ratePerSecond, QuietHours quietHours) {

    public static SendStream singles() {
        return new SendStream(null, null, null, null, null, null);
    }

    public boolean isCampaign() {
        return campaignId != null;
    }

    /** The pacing scope of a campaign's own rate, or null. */
    String rateScope() {
        return campaignId != null && ratePerSecond != null ? "campaign:" + campaignId : null;
    }

    @Override
    public String toString() {
        return campaignId == null ? "single messages" : "campaign " + campaignId;
    }
}
