package org.smsconsole.web.sandbox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchQuery;
import org.smsconsole.sinch.batch.DryRunResult;
import org.smsconsole.sinch.batch.ReportMode;
import org.smsconsole.sinch.batch.TextBatch;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.sinch.batch.TextUpdate;
import org.smsconsole.sinch.group.AutoUpdate;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.inbound.InboundQuery;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryReportQuery;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.text.SegmentCounter;

/** The engine driven by a hand-moved clock: no sleeping, no HTTP. */
class SandboxEngineTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String CALLBACK = "http://127.0.0.1:9/callbacks";

    private final TestClock clock = new TestClock(T0);
    private final List<Callback> posted = new ArrayList<>();
    private SandboxEngine engine;

    @BeforeEach
    void engine() {
        engine = new SandboxEngine(clock, settings(0, 0, 0), posted::add);
    }

    private static SandboxSettings settings(long dispatchMs, long deliveryMs, int mps) {
        SandboxSettings d = SandboxSettings.defaults();
        return new SandboxSettings(dispatchMs, deliveryMs, mps, d.outcomes(), 503, 0, 0, 0, CALLBACK, List.of(), 1.0,
                100, 100, "SandboxSMS");
    }

    private void at(Duration sinceStart) {
        clock.advance(Duration.between(clock.instant(), T0.plus(sinceStart)));
        engine.tick();
    }

    private static TextRequest.Builder text(String... to) {
        return TextRequest.builder().to(to).body("Hello");
    }

    private String status(Batch b, String msisdn) {
        return engine.recipientReport(b.id(), msisdn).status();
    }

    private List<RecipientDeliveryReport> recipientCallbacks() {
        return posted.stream().filter(c -> c.kind().equals(RecipientDeliveryReport.SMS))
                .map(c -> SinchJson.read(c.body(), RecipientDeliveryReport.class)).toList();
    }

    private static SandboxException refused(Runnable call) {
        return assertThrows(SandboxException.class, call::run);
    }

    @Test
    void answersWithNormalisedNumbersAndSinchsDefaults() {
        Batch b = engine.send(new TextRequest(List.of("+46 70-123 45 67", "0044 7400 123456"), "+1 (555) 123-4567",
                "Hi", null, null, T0.plusSeconds(60), null, null, "ref-1", null, null, null, null, null, null));
        assertEquals(List.of("46701234567", "447400123456"), b.to());
        assertEquals("15551234567", b.from());
        assertEquals(26, b.id().length());
        assertEquals(T0.plusSeconds(60).plus(Duration.ofDays(3)), b.expireAt(), "expire_at = send_at + 3 days");
        assertEquals("none", b.deliveryReport());
        assertFalse(b.canceled());
        assertEquals(T0, b.createdAt());
        assertEquals(b, engine.batch(b.id()));
    }

    @Test
    void refusesWhatSinchRefusesWithItsCodes() {
        SandboxException many = refused(() -> engine.send(text(IntStream.range(0, 1001)
                .mapToObj(i -> "+4670100" + String.format("%04d", i)).toArray(String[]::new)).build()));
        assertEquals(400, many.status());
        assertEquals("syntax_constraint_violation", many.code());
        SandboxException number = refused(() -> engine.send(text("+46 70", "12").build()));
        assertEquals("syntax_invalid_parameter_format", number.code());
        assertEquals("syntax_constraint_violation",
                refused(() -> engine.send(text("+46701234567").body("x".repeat(2001)).build())).code());
        assertEquals("syntax_constraint_violation", refused(() -> engine.send(text("+46701234567")
                .sendAt(T0.plusSeconds(60)).expireAt(T0.plusSeconds(60)).build())).code());
        assertEquals("syntax_constraint_violation", refused(() -> engine.send(text("+46701234567")
                .sendAt(T0).expireAt(T0.plus(Duration.ofDays(3)).plusMillis(1)).build())).code());
        SandboxException callback = refused(() -> engine.send(text("+46701234567").deliveryReport(ReportMode.SUMMARY)
                .callbackUrl("http://example.com/hook").build()));
        assertEquals(400, callback.status());
        assertTrue(callback.text().contains("allow-listed"), callback.text());
        SandboxException group = refused(() -> engine.send(text("01FC66621XXXXX119Z8PMV1QPQ").build()));
        assertEquals(403, group.status());
        assertEquals("unknown_group", group.code());
        assertEquals(404, refused(() -> engine.batch("01FC66621XXXXX119Z8PMV1QPQ")).status());
        assertEquals(0, engine.listBatches(BatchQuery.all(), 0, 30).count(), "nothing refused was stored");
    }

    @Test
    void withoutAnyCallbackUrlAReportIsRefusedWith403() {
        engine.configure(new SandboxSettings(0, 0, 0, List.of(), 503, 0, 0, 0, null, List.of(), 1, 10, 10, "x"));
        SandboxException e = refused(() -> engine.send(text("+46701234567").deliveryReport(ReportMode.FULL).build()));
        assertEquals(403, e.status());
        assertEquals("missing_callback_url", e.code());
        engine.send(text("+46701234567").build()); // no report asked: fine
    }

    @Test
    void aScheduledBatchIsHeldUntilSendAtThenQueuedDispatchedDelivered() {
        engine.configure(settings(200, 1000, 0));
        Batch b = engine.send(text("+46701234567").sendAt(T0.plus(Duration.ofHours(1)))
                .deliveryReport(ReportMode.PER_RECIPIENT).build());
        at(Duration.ofMinutes(59));
        assertEquals("Queued", status(b, "46701234567"));
        assertEquals(0, engine.counters().messagesTo("46701234567"));
        at(Duration.ofHours(1).plusMillis(199));
        assertEquals("Queued", status(b, "46701234567"));
        at(Duration.ofHours(1).plusMillis(200));
        RecipientDeliveryReport dispatched = engine.recipientReport(b.id(), "+46701234567");
        assertEquals("Dispatched", dispatched.status());
        assertEquals(401, dispatched.code());
        at(Duration.ofHours(1).plusMillis(1200));
        RecipientDeliveryReport delivered = engine.recipientReport(b.id(), "46701234567");
        assertEquals("Delivered", delivered.status());
        assertEquals(0, delivered.code());
        assertEquals(T0.plus(Duration.ofHours(1)).plusMillis(1200), delivered.at());
        assertEquals(List.of("Dispatched", "Delivered"), recipientCallbacks().stream().map(RecipientDeliveryReport::status).toList());
        assertEquals(1, engine.counters().messagesTo("46701234567"));
    }

    @Test
    void theFifoPacesAllBatchesAtTheServicePlansRate() {
        engine.configure(settings(0, 0, 2)); // one message every 500 ms
        Batch first = engine.send(text("+46701000001", "+46701000002", "+46701000003", "+46701000004").build());
        clock.advance(Duration.ofMillis(10));
        Batch second = engine.send(text("+46701000009").build());
        at(Duration.ofMillis(1010));
        assertEquals(3, engine.listReports(DeliveryReportQuery.all(), 0, 30).items().stream()
                .filter(r -> r.status().equals("Delivered")).count(), "slots at 0, 500 and 1000 ms");
        assertEquals("Queued", status(second, "46701000009"), "the later batch waits behind the first (FIFO)");
        at(Duration.ofMillis(1500));
        assertEquals("Delivered", status(first, "46701000004"));
        assertEquals("Queued", status(second, "46701000009"));
        at(Duration.ofMillis(2000));
        RecipientDeliveryReport last = engine.recipientReport(second.id(), "46701000009");
        assertEquals("Delivered", last.status());
        assertEquals(T0.plusMillis(2000), last.at());
    }

    @Test
    void messagesStillInTheFifoAtExpireAtExpireWith406() {
        engine.configure(settings(0, 0, 1));
        Batch b = engine.send(text("+46701000001", "+46701000002", "+46701000003", "+46701000004")
                .expireAt(T0.plusMillis(2500)).deliveryReport(ReportMode.FULL).build());
        at(Duration.ofSeconds(10));
        assertEquals("Delivered", status(b, "46701000003"));
        RecipientDeliveryReport expired = engine.recipientReport(b.id(), "46701000004");
        assertEquals("Expired", expired.status());
        assertEquals(406, expired.code());
        assertEquals(T0.plusMillis(2500), expired.at());
        assertEquals(0, engine.counters().messagesTo("46701000004"));
        BatchDeliveryReport report = SinchJson.read(posted.get(0).body(), BatchDeliveryReport.class);
        assertEquals(List.of(0, 406), report.statuses().stream().map(BatchDeliveryReport.StatusCount::code).toList());
        assertEquals(List.of("46701000004"), report.statuses().get(1).recipients());
    }

    @Test
    void parametersRenderPerRecipientAndAnUnmatchedOneIsAbortedWith405() {
        Batch b = engine.send(TextRequest.builder().to("+46701000001", "+46701000002", "+46701000003")
                .body("Hi ${name}, code ${code}").parameter("name", "+46701000001", "Ann")
                .parameterDefault("name", "there").parameter("code", "46701000001", "A1")
                .parameter("code", "46701000002", "B2").build());
        DryRunResult dry = engine.dryRun(TextRequest.builder().to("+46701000001", "+46701000002", "+46701000003")
                .body("Hi ${name}, code ${code}").parameter("name", "+46701000001", "Ann")
                .parameterDefault("name", "there").parameter("code", "46701000001", "A1")
                .parameter("code", "46701000002", "B2").build(), true, null);
        assertEquals(2, dry.numberOfRecipients());
        assertEquals("Hi Ann, code A1", dry.perRecipient().get(0).body());
        assertEquals("Hi there, code B2", dry.perRecipient().get(1).body());
        at(Duration.ofSeconds(1));
        RecipientDeliveryReport aborted = engine.recipientReport(b.id(), "46701000003");
        assertEquals("Aborted", aborted.status());
        assertEquals(405, aborted.code());
        assertEquals("Delivered", status(b, "46701000001"));
    }

    @Test
    void aDryRunCountsEncodingAndPartsByTheClientsRules() {
        String gsm = "a".repeat(161);
        String euro = "€".repeat(80);
        String emoji = "Hi 🙂";
        for (String body : List.of(gsm, euro, emoji)) {
            DryRunResult dry = engine.dryRun(text("+46701000001", "+46701000002").body(body).build(), true, 1);
            int parts = SegmentCounter.count(body).parts();
            assertEquals(2, dry.numberOfRecipients());
            assertEquals(2 * parts, dry.numberOfMessages());
            assertEquals(1, dry.perRecipient().size(), "number_of_recipients limits the detail");
            assertEquals(parts, dry.perRecipient().get(0).numberOfParts());
            assertEquals(SegmentCounter.count(body).encoding().dryRunName(), dry.perRecipient().get(0).encoding());
        }
        assertEquals("unicode", engine.dryRun(text("+46701000001").body("Hi 🙂").build(), true, null)
                .perRecipient().get(0).encoding());
        assertNull(engine.dryRun(text("+46701000001").build(), false, null).perRecipient());
        assertEquals(0, engine.listBatches(BatchQuery.all(), 0, 30).count(), "a dry run stores nothing");
    }

    @Test
    void updateAndReplaceBeforeDispatchThen403Afterwards() {
        Batch b = engine.send(text("+46701000001", "+46701000002").sendAt(T0.plusSeconds(60)).clientReference("r").build());
        clock.advance(Duration.ofSeconds(1));
        Batch updated = engine.update(b.id(), TextUpdate.builder().toAdd("+46701000003").toRemove("+46701000001")
                .body("Changed").build());
        assertEquals(List.of("46701000002", "46701000003"), updated.to());
        assertEquals("Changed", ((TextBatch) updated).body());
        assertEquals("r", updated.clientReference());
        assertEquals(T0.plusSeconds(1), updated.modifiedAt());
        Batch replaced = engine.replace(b.id(), text("+46701000005").build());
        assertEquals(b.id(), replaced.id());
        assertEquals(b.createdAt(), replaced.createdAt());
        assertNull(replaced.clientReference(), "omitted fields return to their defaults");
        assertNull(replaced.sendAt());
        at(Duration.ofSeconds(2));
        assertEquals("Delivered", status(replaced, "46701000005"));
        SandboxException late = refused(() -> engine.update(b.id(), TextUpdate.builder().body("Too late").build()));
        assertEquals(403, late.status());
        assertEquals("batch_already_dispatched", late.code());
    }

    @Test
    void cancelBeforeSendAtCancelsEveryRecipientAndReportsOnce() {
        Batch b = engine.send(text("+46701000001", "+46701000002").sendAt(T0.plusSeconds(60))
                .deliveryReport(ReportMode.SUMMARY).build());
        Batch canceled = engine.cancel(b.id());
        assertTrue(canceled.canceled());
        at(Duration.ofMinutes(5));
        RecipientDeliveryReport r = engine.recipientReport(b.id(), "46701000001");
        assertEquals("Cancelled", r.status());
        assertEquals(407, r.code());
        assertEquals(1, posted.size());
        BatchDeliveryReport summary = SinchJson.read(posted.get(0).body(), BatchDeliveryReport.class);
        assertEquals(2, summary.statuses().get(0).count());
        assertNull(summary.statuses().get(0).recipients(), "summary lists no recipients");
        assertEquals(0, engine.counters().messagesTo("46701000001"));
    }

    @Test
    void perRecipientFinalPostsOnlyFinalStatusesAndConfiguredOutcomesApply() {
        engine.configure(settings(10, 10, 0));
        Batch b = engine.send(text("+46701000001", "+46701000666").deliveryReport(ReportMode.PER_RECIPIENT_FINAL).build());
        at(Duration.ofSeconds(1));
        assertEquals(List.of("Delivered", "Failed"), recipientCallbacks().stream().map(RecipientDeliveryReport::status).toList());
        RecipientDeliveryReport failed = engine.recipientReport(b.id(), "46701000666");
        assertEquals(402, failed.code());
        assertEquals(CALLBACK, posted.get(0).url());
        BatchDeliveryReport filtered = engine.batchReport(b.id(), "full", List.of("Failed"), List.of());
        assertEquals(1, filtered.statuses().size());
        assertEquals(List.of("46701000666"), filtered.statuses().get(0).recipients());
        assertEquals(2, filtered.totalMessageCount());
        assertEquals(1, engine.batchReport(b.id(), null, List.of(), List.of(0)).statuses().size());
    }

    @Test
    void listsPageNewestFirstAndFilterLikeSinch() {
        for (int i = 0; i < 35; i++) {
            engine.send(text("+46701000001").clientReference(i % 5 == 0 ? "five" : "other").build());
            clock.advance(Duration.ofSeconds(1));
        }
        Slice<Batch> first = engine.listBatches(BatchQuery.all(), null, null);
        assertEquals(35, first.count());
        assertEquals(30, first.pageSize());
        assertEquals(T0.plusSeconds(34), first.items().get(0).createdAt(), "newest first");
        Slice<Batch> second = engine.listBatches(BatchQuery.all(), 1, 30);
        assertEquals(5, second.pageSize(), "page_size is the number of items on this page");
        assertEquals(0, engine.listBatches(BatchQuery.all(), 2, 30).pageSize());
        assertEquals(7, engine.listBatches(BatchQuery.byClientReference("five", null), 0, 100).count());
        assertEquals(10, engine.listBatches(BatchQuery.all().between(T0.plusSeconds(10), T0.plusSeconds(19)), 0, 100).count());
        assertEquals(400, refused(() -> engine.listBatches(BatchQuery.all(), 0, 101)).status());
        clock.advance(Duration.ofHours(25));
        assertEquals(0, engine.listBatches(BatchQuery.all(), 0, 30).count(), "start_date defaults to 24 hours ago");
        assertEquals(35, engine.listBatches(BatchQuery.all().between(T0.minus(Duration.ofDays(30)), null), 0, 30).count());
        clock.advance(Duration.ofDays(14));
        assertEquals(0, engine.listBatches(BatchQuery.all().between(T0.minus(Duration.ofDays(30)), null), 0, 30).count(),
                "never more than 14 days back");
    }

    @Test
    void deliveryReportsListFiltersOnStatusCodeAndClientReference() {
        engine.send(text("+46701000001", "+46701000666").clientReference("a").build());
        engine.send(text("+46701000002").clientReference("b").build());
        at(Duration.ofSeconds(1));
        assertEquals(3, engine.listReports(DeliveryReportQuery.all(), 0, 30).count());
        assertEquals(1, engine.listReports(DeliveryReportQuery.all().withStatuses("Failed"), 0, 30).count());
        assertEquals(2, engine.listReports(DeliveryReportQuery.all().withCodes(0), 0, 30).count());
        assertEquals(2, engine.listReports(DeliveryReportQuery.all().withClientReference("a"), 0, 30).count());
        assertEquals(1, engine.listReports(DeliveryReportQuery.all(), 1, 2).pageSize());
    }

    @Test
    void oldBatchesAreEvictedBeyondTheBound() {
        engine.configure(new SandboxSettings(0, 0, 0, List.of(), 503, 0, 0, 0, CALLBACK, List.of(), 1, 3, 2, "x"));
        List<Batch> sent = IntStream.range(0, 4).mapToObj(i -> engine.send(text("+46701000001").build())).toList();
        assertEquals(404, refused(() -> engine.batch(sent.get(0).id())).status());
        assertEquals(sent.get(3), engine.batch(sent.get(3).id()));
        assertEquals(3, engine.listBatches(BatchQuery.all(), 0, 30).count());
        IntStream.range(0, 3).forEach(i -> engine.receive("+46701000001", "12345", "msg " + i));
        assertEquals(2, engine.listInbounds(InboundQuery.all(), 0, 30).count());
    }

    @Test
    void anMoIsStoredPostedAsMoTextAndAppliesGroupKeywords() {
        Group g = engine.createGroup(new GroupRequest("club", List.of("+46701000002"), null,
                new AutoUpdate("+12345", AutoUpdate.Keywords.of("JOIN"), new AutoUpdate.Keywords("STOP", "CLUB"))));
        engine.receive("+46 70 100 00 01", "12345", "join please");
        assertEquals(List.of("46701000002", "46701000001"), engine.groupMembers(g.id()));
        engine.receive("+46701000002", "12345", "stop club");
        engine.receive("+46701000001", "99999", "stop club");
        assertEquals(List.of("46701000001"), engine.groupMembers(g.id()));
        assertEquals(3, posted.stream().filter(c -> c.kind().equals("mo_text")).count());
        assertTrue(posted.get(0).body().contains("\"from\":\"46701000001\""), posted.get(0).body());
        assertEquals(2, engine.listInbounds(InboundQuery.all().withTo("+12345"), 0, 30).count());

        Batch toGroup = engine.send(text(g.id(), "+46701000009").build());
        at(Duration.ofSeconds(1));
        assertEquals("Delivered", status(toGroup, "46701000001"), "the group is resolved when the batch is sent");
        assertEquals(2, engine.batchReport(toGroup.id(), "summary", List.of(), List.of()).totalMessageCount());
    }

    @Test
    void faultInjectionAnswersTheNextRequestsWithTheChosenStatus() {
        engine.configure(new SandboxSettings(0, 0, 0, List.of(), 429, 0, 2, 0, CALLBACK, List.of(), 1, 10, 10, "x"));
        assertEquals(429, refused(engine::checkFault).status());
        assertEquals("too_many_requests", refused(engine::checkFault).code());
        engine.checkFault();
        assertEquals(2, engine.counters().get("faults_injected"));
        engine.reset();
        assertEquals(0, engine.counters().get("faults_injected"));
        assertEquals(0, engine.settings().faultNextRequests());
    }

    @Test
    void deliveryFeedbackConfirmsDeliveryAndNeedsFeedbackEnabled() {
        engine.configure(settings(0, 60_000, 0));
        Batch b = engine.send(text("+46701000001").feedbackEnabled(true).build());
        at(Duration.ofSeconds(1));
        assertEquals("Dispatched", status(b, "46701000001"));
        engine.deliveryFeedback(b.id(), List.of("+46701000001"));
        assertEquals("Delivered", status(b, "46701000001"));
        Batch without = engine.send(text("+46701000001").build());
        assertEquals(400, refused(() -> engine.deliveryFeedback(without.id(), List.of("46701000001"))).status());
    }
}
