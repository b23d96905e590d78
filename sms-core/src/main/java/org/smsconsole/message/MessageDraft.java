package org.smsconsole.message;

import java.time.Instant;

/** A single message as staff (or an API client) ask for it, unchecked. */
public record MessageDraft(
        Long contactId,
        String to,
        String body,
        Long templateId,
        String sender,
        String mediaUrl,
        String reportMode,
        Instant sendAt,
        Instant expireAt) {
}
