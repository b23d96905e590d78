package org.smsconsole.inbox;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation, either way. Inbound: {@code kind} is Sinch's {@code mo_text},
 * {@code mo_binary} or {@code mo_media}; outbound: {@code outbound}, with its {@code state} (QUEUED,
 * SENT, DELIVERED, FAILED ...) and {@code detail} (Sinch's status and code, or why it failed or was skipped).
 *
 * @param text the SMS text, the MMS message, or for a binary message a description of it
 * @param subject an MMS subject
 * @param media an MMS's media items
 * @param campaign the campaign an outbound message belongs to (its text is the campaign's, before personalisation)
 */
public record ThreadEntry(String key, boolean inbound, String kind, Instant at, String text, String subject,
                          List<Media> media, String state, String detail, String campaign, Instant readAt, String readBy)
        implements Serializable {

    public static final String OUTBOUND = "outbound";

    public boolean binary() {
        return "mo_binary".equals(kind);
    }

    public boolean mms() {
        return "mo_media".equals(kind);
    }

    public boolean unread() {
        return inbound && readAt == null;
    }

    /** A media item of an MMS; {@code link} is false when the address is not http(s) and must not be a link. */
    public record Media(String url, String contentType, String status, boolean link) implements Serializable {
    }
}
