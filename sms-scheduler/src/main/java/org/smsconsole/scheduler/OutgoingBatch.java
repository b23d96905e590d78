package org.smsconsole.scheduler;

import org.smsconsole.sinch.batch.BatchRequest;

import java.time.Instant;
import java.util.List;

/**
 * One Sinch request and the queue rows it carries. The rows were committed SENDING with this
 * {@code clientReference} before the request leaves, so a crash in between can be reconciled.
 */
record OutgoingBatch(String clientReference, List<Long> messageIds, BatchRequest request, Long campaignId,
                     int attempts, Instant claimedAt) {

    int size() {
        return messageIds.size();
    }
}
