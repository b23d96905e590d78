package org.smsconsole.contact.imports;

/** QUEUED, then RUNNING, then DONE (rows may still have been rejected) or FAILED (the job stopped). */
public enum ImportState {
    QUEUED, RUNNING, DONE, FAILED;

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
