package org.smsconsole.text;

/** How an SMS is encoded: GSM-7 septets or UCS-2 (UTF-16 code units). */
public enum SmsEncoding {
    GSM7(160, 153, "text", "GSM"),
    UCS2(70, 67, "unicode", "UNICODE");

    private final int singlePart;
    private final int perPart;
    private final String dryRunName;
    private final String reportName;

    SmsEncoding(int singlePart, int perPart, String dryRunName, String reportName) {
        this.singlePart = singlePart;
        this.perPart = perPart;
        this.dryRunName = dryRunName;
        this.reportName = reportName;
    }

    /** Units in a message that fits one part. */
    public int singlePart() {
        return singlePart;
    }

    /** Units per part once split (the rest carries the concatenation header). */
    public int perPart() {
        return perPart;
    }

    /** As a dry run says it: {@code text} or {@code unicode}. */
    public String dryRunName() {
        return dryRunName;
    }

    /** As a recipient delivery report says it: {@code GSM} or {@code UNICODE}. */
    public String reportName() {
        return reportName;
    }
}
