package org.smsconsole.message;

import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.validation.InvalidInputException;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a Sinch delivery report becomes before it is stored: keys, meanings, refusals. */
class DeliveryEventTest {

    private static final String BATCH = "01FC66621XXXXX119Z8PMV1QPQ";
    private static final Instant AT = Instant.parse("2022-08-30T08:16:08.930Z");

    private static RecipientDeliveryReport report(String recipient, String status, Integer code, Instant at) {
        return new RecipientDeliveryReport(RecipientDeliveryReport.SMS, BATCH, recipient, code, status, at, null,
                "ref", null, "GSM", 1, null);
    }

    @Test
    void theKeyDependsOnWhatTheReportSaysNotOnHowTheNumberIsWritten() {
        DeliveryEvent plain = DeliveryEvent.of(report("44231235674", "Delivered", 0, AT));
        DeliveryEvent plus = DeliveryEvent.of(report("+44231235674", "delivered", 0, AT));
        assertEquals("+44231235674", plain.recipient());
        assertEquals("Delivered", plus.status(), "Sinch's spelling is stored");
        assertEquals(plain.key(), plus.key());
        assertEquals(64, plain.key().length());
        assertNotEquals(plain.key(), DeliveryEvent.of(report("44231235674", "Delivered", 0, AT.plusMillis(1))).key());
        assertNotEquals(plain.key(), DeliveryEvent.of(report("44231235674", "Dispatched", 401, AT)).key());
    }

    @Test
    void finalStatusesMapToAStateWithSinchsReason() {
        assertEquals(MessageState.DELIVERED, DeliveryEvent.of(report("1555", "Delivered", 0, AT)).finalState());
        assertNull(DeliveryEvent.of(report("1555", "Delivered", 0, AT)).reason());
        assertEquals(MessageState.CANCELLED, DeliveryEvent.of(report("1555", "Cancelled", 407, AT)).finalState());
        DeliveryEvent failed = DeliveryEvent.of(report("1555", "Failed", 402, AT));
        assertEquals(MessageState.FAILED, failed.finalState());
        assertEquals("Failed (402): Message unroutable", failed.reason());
        for (String status : List.of("Rejected", "Aborted", "Expired", "Deleted", "Unknown")) {
            assertEquals(MessageState.FAILED, DeliveryEvent.of(report("1555", status, 153, AT)).finalState(), status);
        }
        assertEquals("Rejected (153): Absent subscriber", DeliveryEvent.of(report("1555", "Rejected", 153, AT)).reason());
        assertEquals("Failed (999)", DeliveryEvent.of(report("1555", "Failed", 999, AT)).reason(), "an unknown code has no meaning");
        assertEquals(1, DeliveryEvent.of(report("1555", "Queued", 400, AT)).progress());
        assertEquals(2, DeliveryEvent.of(report("1555", "Dispatched", 401, AT)).progress());
        assertNull(DeliveryEvent.of(report("1555", "Teleported", 1, AT)).known(), "a status from the future is kept, not understood");
    }

    @Test
    void aFullBatchReportIsOneEventPerRecipientASummaryOnePerLine() {
        BatchDeliveryReport full = new BatchDeliveryReport(BatchDeliveryReport.SMS, BATCH, 3, List.of(
                new BatchDeliveryReport.StatusCount(0, "Delivered", 2, List.of("15550001", "15550002")),
                new BatchDeliveryReport.StatusCount(402, "Failed", 1, List.of("15550003"))), null);
        List<DeliveryEvent> events = DeliveryEvent.of(full);
        assertEquals(List.of("+15550001", "+15550002", "+15550003"), events.stream().map(DeliveryEvent::recipient).toList());
        assertEquals("Failed", events.get(2).status());

        BatchDeliveryReport summary = new BatchDeliveryReport(BatchDeliveryReport.MMS, BATCH, 3, List.of(
                new BatchDeliveryReport.StatusCount(0, "Delivered", 2, null),
                new BatchDeliveryReport.StatusCount(402, "Failed", 1, null)), null);
        List<DeliveryEvent> lines = DeliveryEvent.of(summary);
        assertEquals(2, lines.size());
        assertNull(lines.get(0).recipient());
        assertEquals(2, lines.get(0).count());
        assertNotEquals(lines.get(0).key(), lines.get(1).key());
    }

    @Test
    void whatCannotBeMatchedOrStoredIsRefusedNamingTheField() {
        assertEquals("batch_id", assertThrows(InvalidInputException.class, () -> DeliveryEvent.of(
                new RecipientDeliveryReport(RecipientDeliveryReport.SMS, null, "1555", 0, "Delivered", AT, null, null, null, null, null, null))).field());
        assertEquals("recipient", assertThrows(InvalidInputException.class, () -> DeliveryEvent.of(report("not a number", "Delivered", 0, AT))).field());
        assertEquals("recipient", assertThrows(InvalidInputException.class, () -> DeliveryEvent.of(report("1234567890123456", "Delivered", 0, AT))).field());
        assertEquals("status", assertThrows(InvalidInputException.class, () -> DeliveryEvent.of(report("1555", null, 0, AT))).field());
        assertEquals("statuses", assertThrows(InvalidInputException.class, () -> DeliveryEvent.of(
                new BatchDeliveryReport(BatchDeliveryReport.SMS, BATCH, 1, null, null))).field());
    }
}
