package org.smsconsole.sinch.batch;

/** Values of {@code delivery_report}. Models keep the wire string so that new values still read. */
public enum ReportMode {
    NONE("none"), SUMMARY("summary"), FULL("full"), PER_RECIPIENT("per_recipient"),
    PER_RECIPIENT_FINAL("per_recipient_final");

    private final String wire;

    ReportMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
