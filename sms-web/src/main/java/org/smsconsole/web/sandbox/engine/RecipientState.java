package org.smsconsole.web.sandbox.engine;

import java.time.Instant;
import java.util.Set;
import org.smsconsole.text.SmsEncoding;

/** One recipient of a batch on its way through the simulated network. Guarded by the engine's lock. */
final class RecipientState {
    static final Set<String> FINAL = Set.of("Aborted", "Cancelled", "Rejected", "Deleted", "Delivered", "Failed",
            "Expired", "Unknown");

    final SandboxBatch batch;
    final String recipient;
    String status = "Queued";
    int code = 400;
    Instant at;
    Instant operatorStatusAt;
    SmsEncoding encoding = SmsEncoding.GSM7;
    int parts = 1;
    /** When it may leave the FIFO (its batch's send time plus the dispatch delay). */
    Instant readyAt;
    /** Set once dispatched: when the final status arrives, and which. */
    Instant finalAt;
    String finalStatus;
    int finalCode;

    RecipientState(SandboxBatch batch, String recipient, Instant at) {
        this.batch = batch;
        this.recipient = recipient;
        this.at = at;
    }

    boolean isFinal() {
        return FINAL.contains(status);
    }

    boolean isDispatched() {
        return "Dispatched".equals(status) || finalAt != null;
    }

    void move(String status, int code, Instant at) {
        this.status = status;
        this.code = code;
        this.at = at;
        if (FINAL.contains(status)) {
            this.operatorStatusAt = at;
        }
    }
}
