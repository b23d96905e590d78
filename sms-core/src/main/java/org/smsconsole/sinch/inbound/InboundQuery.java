package org.smsconsole.sinch.inbound;

import java.time.Instant;
import java.util.List;

/** Filters of {@code GET /inbounds}; {@code to} holds the numbers MOs were sent to. */
public record InboundQuery(List<String> to, Instant startDate, Instant endDate, String clientReference) {
    public static InboundQuery all() {
        return new InboundQuery(null, null, null, null);
    }

    public InboundQuery withTo(String... to) {
        return new InboundQuery(List.of(to), startDate, endDate, clientReference);
    }

    public InboundQuery between(Instant start, Instant end) {
        return new InboundQuery(to, start, end, clientReference);
    }

    public InboundQuery withClientReference(String clientReference) {
        return new InboundQuery(to, startDate, endDate, clientReference);
    }
}
