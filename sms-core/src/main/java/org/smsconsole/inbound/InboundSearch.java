package org.smsconsole.inbound;

import java.time.Instant;

/**
 * Which inbound messages to list; every part is optional.
 *
 * @param from     the sender, E.164 with {@code +}
 * @param since    received at or after
 * @param until    received before
 * @param contains text the body contains, regardless of case
 */
public record InboundSearch(String from, Long contactId, Instant since, Instant until, KeywordAction keywordAction, String contains) {

    public static InboundSearch all() {
        return new InboundSearch(null, null, null, null, null, null);
    }
}
