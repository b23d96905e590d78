package org.smsconsole.web.sandbox.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smsconsole.sinch.batch.Batch;

/** A stored batch: what the API returns, plus each recipient's progress. Guarded by the engine's lock. */
final class SandboxBatch {
    final String id;
    final long sequence;
    Batch batch;
    /** Once due it is released to the network: recipients resolved and rendered, no more updates. */
    boolean released;
    boolean batchReportSent;
    final Map<String, RecipientState> recipients = new LinkedHashMap<>();
    final List<String> feedback = new ArrayList<>();

    SandboxBatch(String id, long sequence, Batch batch) {
        this.id = id;
        this.sequence = sequence;
        this.batch = batch;
    }

    Instant dueAt() {
        Instant sendAt = batch.sendAt();
        return sendAt == null || sendAt.isBefore(batch.createdAt()) ? batch.createdAt() : sendAt;
    }

    boolean allFinal() {
        return released && recipients.values().stream().allMatch(RecipientState::isFinal);
    }

    String reportMode() {
        return batch.deliveryReport() == null ? "none" : batch.deliveryReport();
    }

    boolean isMedia() {
        return "mt_media".equals(batch.getType());
    }
}
