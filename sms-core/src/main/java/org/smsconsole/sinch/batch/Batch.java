package org.smsconsole.sinch.batch;

import java.time.Instant;
import java.util.List;

/** A batch as Sinch returns it: the request echoed plus id, timestamps and {@code canceled}. */
public sealed interface Batch permits TextBatch, BinaryBatch, MediaBatch {
    String id();

    List<String> to();

    String from();

    Boolean canceled();

    Instant createdAt();

    Instant modifiedAt();

    String deliveryReport();

    Instant sendAt();

    Instant expireAt();

    String callbackUrl();

    String clientReference();

    String getType();
}
