package org.smsconsole.message;

import org.smsconsole.sinch.batch.ReportMode;

/** Which delivery reports we ask Sinch for; our name for Sinch's {@code delivery_report}. */
public enum DeliveryReportMode {
    NONE(ReportMode.NONE), SUMMARY(ReportMode.SUMMARY), FULL(ReportMode.FULL),
    PER_RECIPIENT(ReportMode.PER_RECIPIENT), PER_RECIPIENT_FINAL(ReportMode.PER_RECIPIENT_FINAL);

    private final ReportMode sinch;

    DeliveryReportMode(ReportMode sinch) {
        this.sinch = sinch;
    }

    public ReportMode sinch() {
        return sinch;
    }

    /** Accepts our name or Sinch's wire value ({@code per_recipient}). */
    public static DeliveryReportMode parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
