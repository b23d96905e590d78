package org.smsconsole.sinch.batch;

import java.time.Instant;
import java.util.List;

/**
 * The body of send, dry run and replace: a oneOf on {@code type} ({@code mt_text} when absent).
 * Records stay lenient; {@link BatchValidator} checks what the client is asked to send.
 */
public sealed interface BatchRequest permits TextRequest, BinaryRequest, MediaRequest {
    List<String> to();

    String from();

    String deliveryReport();

    Instant sendAt();

    Instant expireAt();

    String callbackUrl();

    String clientReference();

    Boolean feedbackEnabled();

    /** The wire {@code type}; a getter so JSON-B writes it and ignores it on read. */
    String getType();
}
