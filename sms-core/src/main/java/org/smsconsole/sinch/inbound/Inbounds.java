package org.smsconsole.sinch.inbound;

import java.util.stream.Stream;
import org.smsconsole.sinch.Msisdn;
import org.smsconsole.sinch.Page;
import org.smsconsole.sinch.Paging;
import org.smsconsole.sinch.SinchRules;
import org.smsconsole.sinch.SinchTransport;

/** {@code /inbounds}: the MO messages Sinch received for the service plan. */
public final class Inbounds {
    private final SinchTransport http;

    public Inbounds(SinchTransport http) {
        this.http = http;
    }

    public Page<Inbound> list(InboundQuery query, int page, int pageSize) {
        Paging.checkPageSize(pageSize);
        return http.call("GET", "inbounds")
                .query("page", page).query("page_size", pageSize)
                .query("to", query.to() == null ? null : query.to().stream().map(Msisdn::normalizeLenient).toList())
                .query("start_date", query.startDate()).query("end_date", query.endDate())
                .query("client_reference", query.clientReference())
                .as(InboundList.class);
    }

    public Stream<Inbound> stream(InboundQuery query) {
        return stream(query, Paging.MAX_PAGE_SIZE);
    }

    public Stream<Inbound> stream(InboundQuery query, int pageSize) {
        return Paging.stream(page -> list(query, page, pageSize), pageSize);
    }

    public Inbound get(String inboundId) {
        SinchRules.id("inbound_id", inboundId);
        return http.call("GET", "inbounds/{id}").path("id", inboundId).as(Inbound.class);
    }
}
