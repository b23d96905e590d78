package org.smsconsole.scheduler.metrics;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsconsole.message.DeliveryReceipt;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry as a scrape writes it; the database gauges' own SQL is read in the container (ReleaseEnginePersistenceIT). */
class ConsoleMetricsTest {

    private final ConsoleMetrics metrics = new ConsoleMetrics();

    @BeforeEach
    void define() {
        metrics.census = new DatabaseCensus() {
            @Override
            DatabaseReading read() {
                throw new PersistenceException("the database does not answer");
            }
        };
        metrics.define();
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void releasedMessagesAddUpInOneCounter() {
        metrics.released(3);
        metrics.released(0);
        metrics.released(997);
        assertEquals(1000.0, Scrape.of(metrics.scrape()).value("sms_messages_released_total"));
    }

    @Test
    void newDeliveryReportsAreCountedApartFromDuplicatesAndTheirLagLandsInBuckets() {
        Instant stored = Instant.parse("2025-06-01T12:00:00Z");
        metrics.reportsIngested(ReportSource.CALLBACK, new DeliveryReceipt(2, 1, 2, List.of(stored.minusSeconds(3), stored.minusSeconds(40))), stored);
        metrics.reportsIngested(ReportSource.POLL, new DeliveryReceipt(1, 0, 1, List.of(stored.minusSeconds(90))), stored);
        Scrape scrape = Scrape.of(metrics.scrape());
        assertEquals(2.0, scrape.value("sms_delivery_reports_ingested_total{result=\"stored\",source=\"callback\"}"));
        assertEquals(1.0, scrape.value("sms_delivery_reports_ingested_total{result=\"duplicate\",source=\"callback\"}"));
        assertEquals(1.0, scrape.value("sms_delivery_reports_ingested_total{result=\"stored\",source=\"poll\"}"));
        assertEquals(0.0, scrape.value("sms_delivery_report_lag_seconds_bucket{source=\"callback\",le=\"2.0\"}"));
        assertEquals(1.0, scrape.value("sms_delivery_report_lag_seconds_bucket{source=\"callback\",le=\"5.0\"}"));
        assertEquals(2.0, scrape.value("sms_delivery_report_lag_seconds_bucket{source=\"callback\",le=\"60.0\"}"));
        assertEquals(43.0, scrape.value("sms_delivery_report_lag_seconds_sum{source=\"callback\"}"));
        assertEquals(1.0, scrape.value("sms_delivery_report_lag_seconds_bucket{source=\"poll\",le=\"120.0\"}"));
    }

    @Test
    void aScrapeStillAnswersWhenTheDatabaseCannotBeReadAndItsGaugesSayNaN() {
        Scrape scrape = Scrape.of(metrics.scrape());
        for (String state : List.of("queued", "sending", "sent", "delivered", "failed", "expired", "cancelled", "skipped")) {
            assertTrue(Double.isNaN(scrape.value("sms_messages{state=\"" + state + "\"}")), state);
        }
        assertTrue(Double.isNaN(scrape.value("sms_sending_halted")));
        assertTrue(Double.isNaN(scrape.value("sms_webhook_deliveries{state=\"pending\"}")));
        assertTrue(Double.isNaN(scrape.value("sms_import_jobs{state=\"running\"}")));
        assertTrue(scrape.value("jvm_memory_used_bytes{area=\"heap\",id=\"" + scrape.firstLabel("jvm_memory_used_bytes", "id") + "\"}") > 0,
                "the JVM's own figures are there too");
        assertEquals("gauge", scrape.type("sms_messages"));
        assertEquals("counter", scrape.type("sms_messages_released_total"));
    }
}
