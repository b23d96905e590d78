package org.smsconsole.sinch.batch;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * One recipient of a dry run: body after substitution, parts and {@code encoding}
 * ({@code text} or {@code unicode}). {@code message_part} is the 2021 spelling, still read.
 */
public record DryRunRecipient(
        String recipient,
        @JsonbProperty("number_of_parts") Integer numberOfParts,
        String body,
        String encoding,
        @JsonbProperty("message_part") String messagePart) {
}
