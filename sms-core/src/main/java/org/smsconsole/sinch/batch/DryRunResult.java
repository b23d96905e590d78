package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** Answer of {@code POST /batches/dry_run}; {@code number_of_messages} counts parts. */
public record DryRunResult(
        @JsonbProperty("number_of_recipients") Integer numberOfRecipients,
        @JsonbProperty("number_of_messages") Integer numberOfMessages,
        @JsonbProperty("per_recipient") List<DryRunRecipient> perRecipient) {
}
