package org.smsconsole.campaign;

/** DRAFT -> SCHEDULED -> RUNNING <-> PAUSED -> COMPLETED, or CANCELLED from any state before COMPLETED. */
public enum CampaignState {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED;

    public boolean isFinished() {
        return this == COMPLETED || this == CANCELLED;
    }
}
