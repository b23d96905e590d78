package org.smsconsole.sinch.batch;

import java.time.Instant;
import java.util.List;

/** The body of {@code POST /batches/{id}}: any send field but {@code to}, plus {@code to_add}/{@code to_remove}. */
public sealed interface BatchUpdate permits TextUpdate, BinaryUpdate, MediaUpdate {
    List<String> toAdd();

    List<String> toRemove();

    Instant sendAt();

    Instant expireAt();

    String getType();
}
