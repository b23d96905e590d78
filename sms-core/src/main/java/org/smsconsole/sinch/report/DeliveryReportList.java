package org.smsconsole.sinch.report;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.smsconsole.sinch.Page;

/** A page of {@code GET /delivery_reports}. */
public record DeliveryReportList(Integer count, Integer page, @JsonbProperty("page_size") Integer pageSize,
                                 @JsonbProperty("delivery_reports") List<RecipientDeliveryReport> deliveryReports)
        implements Page<RecipientDeliveryReport> {
    @Override
    public List<RecipientDeliveryReport> items() {
        return deliveryReports == null ? List.of() : deliveryReports;
    }
}
