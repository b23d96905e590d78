package org.smsconsole.message;

import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.batch.ReportMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeliveryReportModeTest {

    @Test
    void readsSinchsWireValuesAndOurNames() {
        for (DeliveryReportMode mode : DeliveryReportMode.values()) {
            assertEquals(mode, DeliveryReportMode.parse(mode.sinch().wire()));
            assertEquals(mode, DeliveryReportMode.parse(mode.name()));
        }
        assertEquals(DeliveryReportMode.PER_RECIPIENT_FINAL, DeliveryReportMode.parse(" per_recipient_final "));
        assertEquals(ReportMode.PER_RECIPIENT_FINAL, DeliveryReportMode.parse("per_recipient_final").sinch());
    }

    @Test
    void refusesAnythingElse() {
        assertThrows(IllegalArgumentException.class, () -> DeliveryReportMode.parse("per-recipient"));
        assertThrows(IllegalArgumentException.class, () -> DeliveryReportMode.parse(""));
    }
}
