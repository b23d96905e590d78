package org.smsconsole.sinch.report;

import java.time.Instant;
import java.util.List;

/** Filters of {@code GET /delivery_reports}; statuses and codes are comma-joined on the wire. */
public record DeliveryReportQuery(Instant startDate, Instant endDate, List<String> statuses, List<Integer> codes,
                                  String clientReference) {
    public static DeliveryReportQuery all() {
        return new DeliveryReportQuery(null, null, null, null, null);
    }

    public DeliveryReportQuery between(Instant start, Instant end) {
        return new DeliveryReportQuery(start, end, statuses, codes, clientReference);
    }

    public DeliveryReportQuery withStatuses(String... statuses) {
        return new DeliveryReportQuery(startDate, endDate, List.of(statuses), codes, clientReference);
    }

    public DeliveryReportQuery withCodes(Integer... codes) {
        return new DeliveryReportQuery(startDate, endDate, statuses, List.of(codes), clientReference);
    }

    public DeliveryReportQuery withClientReference(String clientReference) {
        return new DeliveryReportQuery(startDate, endDate, statuses, codes, clientReference);
    }
}
