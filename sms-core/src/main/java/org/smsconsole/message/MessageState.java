package org.smsconsole.message;

/** QUEUED -> SENDING -> SENT -> DELIVERED | FAILED, or EXPIRED, CANCELLED, SKIPPED (consent). */
public enum MessageState {
    QUEUED, SENDING, SENT, DELIVERED, FAILED, EXPIRED, CANCELLED, SKIPPED;

    /** Never changes again (a late delivery report cannot move it). */
    public boolean isFinal() {
        return this != QUEUED && this != SENDING && this != SENT;
    }
}
