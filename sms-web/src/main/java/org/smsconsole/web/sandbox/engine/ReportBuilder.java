package org.smsconsole.web.sandbox.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.RecipientDeliveryReport;

/** Delivery reports in Sinch's shapes, built from the recipients' states. */
final class ReportBuilder {
    static final String OPERATOR = "sandbox";

    private ReportBuilder() {
    }

    static RecipientDeliveryReport recipient(RecipientState r, String defaultOriginator) {
        SandboxBatch b = r.batch;
        return new RecipientDeliveryReport(
                b.isMedia() ? RecipientDeliveryReport.MMS : RecipientDeliveryReport.SMS,
                b.id, r.recipient, r.code, r.status, r.at,
                r.operatorStatusAt != null ? r.operatorStatusAt : r.at,
                b.batch.clientReference(),
                b.batch.from() != null ? b.batch.from() : defaultOriginator,
                r.encoding.reportName(), r.parts, OPERATOR);
    }

    /**
     * @param statuses only these statuses (empty: all)
     * @param codes only these codes (empty: all)
     */
    static BatchDeliveryReport batch(SandboxBatch b, boolean full, Collection<String> statuses, Collection<Integer> codes) {
        Map<String, List<RecipientState>> byStatus = new LinkedHashMap<>();
        for (RecipientState r : b.recipients.values()) {
            if ((statuses.isEmpty() || statuses.contains(r.status)) && (codes.isEmpty() || codes.contains(r.code))) {
                byStatus.computeIfAbsent(r.code + "/" + r.status, k -> new ArrayList<>()).add(r);
            }
        }
        List<BatchDeliveryReport.StatusCount> lines = byStatus.values().stream()
                .sorted(Comparator.comparingInt((List<RecipientState> l) -> l.get(0).code))
                .map(l -> new BatchDeliveryReport.StatusCount(l.get(0).code, l.get(0).status, l.size(),
                        full ? l.stream().map(r -> r.recipient).toList() : null))
                .toList();
        return new BatchDeliveryReport(b.isMedia() ? BatchDeliveryReport.MMS : BatchDeliveryReport.SMS,
                b.id, b.recipients.size(), lines, b.batch.clientReference());
    }
}
