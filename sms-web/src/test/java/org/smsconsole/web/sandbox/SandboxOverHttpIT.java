package org.smsconsole.web.sandbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchConfig;
import org.smsconsole.sinch.SinchException;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchQuery;
import org.smsconsole.sinch.batch.BinaryBatch;
import org.smsconsole.sinch.batch.BinaryRequest;
import org.smsconsole.sinch.batch.DryRunResult;
import org.smsconsole.sinch.batch.MediaBatch;
import org.smsconsole.sinch.batch.MediaBody;
import org.smsconsole.sinch.batch.MediaRequest;
import org.smsconsole.sinch.batch.ReportMode;
import org.smsconsole.sinch.batch.TextBatch;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.sinch.batch.TextUpdate;
import org.smsconsole.sinch.group.AutoUpdate;
import org.smsconsole.sinch.group.Group;
import org.smsconsole.sinch.group.GroupRequest;
import org.smsconsole.sinch.group.GroupUpdate;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.inbound.InboundQuery;
import org.smsconsole.sinch.inbound.TextInbound;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryReportQuery;
import org.smsconsole.sinch.report.DeliveryReports;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.sinch.webhook.WebhookParser;
import org.smsconsole.sinch.webhook.WebhookSignature;
import org.smsconsole.web.system.ConsoleProcess;

/**
 * The built WAR running only the sandbox (SMS_SANDBOX_ONLY=true) in its own process, driven over
 * HTTP by our own Sinch client (sms-core) and by raw requests whose answers are compared with
 * the project's Sinch test vectors; callbacks go to a JDK HttpServer on 127.0.0.1. One server start for the class;
 * each test resets the sandbox through the control API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxOverHttpIT {
    private static final String PLAN = "it-service-plan";
    private static final String TOKEN = "it-api-token";
    /** The secret of Sinch's own signature test vector (from its SDK's tests), so the same algorithm is proven on both. */
    private static final String SECRET = "SMSWebhooksSecret";

    private ConsoleProcess sandbox;
    private CallbackReceiver receiver;
    private SinchClient sinch;
    private Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        receiver = new CallbackReceiver();
        work = Path.of(System.getProperty("work.dir"), "sandbox-over-http-" + System.currentTimeMillis());
        sandbox = new ConsoleProcess(work, Map.of(
                "SMS_SANDBOX_ONLY", "true",
                "SMS_SANDBOX_SERVICE_PLAN_ID", PLAN,
                "SMS_SANDBOX_API_TOKEN", TOKEN,
                "SMS_SINCH_WEBHOOK_SECRET", SECRET,
                "SMS_SANDBOX_CALLBACK_URL", receiver.url(),
                "SMS_SANDBOX_CALLBACK_TIME_SCALE", "0.01",
                "SMS_SANDBOX_DISPATCH_DELAY_MS", "50",
                "SMS_SANDBOX_DELIVERY_DELAY_MS", "100",
                "SMS_SANDBOX_MESSAGES_PER_SECOND", "0")).start();
        sinch = client(Duration.ofSeconds(10));
    }

    private SinchClient client(Duration readTimeout) {
        return SinchClient.create(SinchConfig.builder().baseUrl(sandbox.url("/sandbox").toString())
                .servicePlan(PLAN, TOKEN).readTimeout(readTimeout).build());
    }

    @AfterAll
    void stop() throws Exception {
        if (sinch != null) {
            sinch.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        assertEquals(204, control("POST", "reset", null).statusCode());
        receiver.clear();
    }

    // ---- plumbing ----

    private HttpResponse<String> control(String method, String path, String json) throws Exception {
        return call(method, sandbox.url("/sandbox/control/" + path), json, TOKEN);
    }

    private HttpResponse<String> api(String method, String path, String json) throws Exception {
        return call(method, sandbox.url("/sandbox/xms/v1/" + PLAN + "/" + path), json, TOKEN);
    }

    private HttpResponse<String> call(String method, URI uri, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject counters() throws Exception {
        return SinchJson.tree(control("GET", "counters", null).body()).asJsonObject();
    }

    private long event(String name) throws Exception {
        JsonObject events = counters().getJsonObject("events");
        return events.containsKey(name) ? events.getJsonNumber(name).longValue() : 0;
    }

    private void awaitFinal(String batchId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sinch.deliveryReports().forBatch(batchId, DeliveryReports.Kind.SUMMARY)
                .statuses().stream().allMatch(s -> !s.status().equals("Queued") && !s.status().equals("Dispatched")));
    }

    // ---- our client, every operation ----

    @Test
    void ourClientDrivesEveryBatchOperation() {
        Instant sendAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Batch held = sinch.batches().send(TextRequest.builder().to("+46 70-123 45 67", "0044 7400 123456")
                .body("Hi ${name}").parameter("name", "+46701234567", "Ann").parameterDefault("name", "friend")
                .sendAt(sendAt).clientReference("java-it").build());
        assertEquals(List.of("46701234567", "447400123456"), held.to());
        assertEquals(sendAt.plus(Duration.ofDays(3)), held.expireAt());
        assertEquals(held, sinch.batches().get(held.id()));
        assertEquals("Queued", sinch.deliveryReports().forRecipient(held.id(), "+46701234567").status());

        Batch updated = sinch.batches().update(held.id(), TextUpdate.builder().toAdd("+46707654321")
                .toRemove("+447400123456").body("Hello ${name}").build());
        assertEquals(List.of("46701234567", "46707654321"), updated.to());
        Batch replaced = sinch.batches().replace(held.id(), TextRequest.builder().to("+46701234567").body("Replaced")
                .sendAt(sendAt).build());
        assertEquals(held.id(), replaced.id());
        assertEquals(held.createdAt(), replaced.createdAt());
        assertNull(replaced.clientReference());
        Batch canceled = sinch.batches().cancel(held.id());
        assertTrue(canceled.canceled());
        RecipientDeliveryReport cancelledReport = sinch.deliveryReports().forRecipient(held.id(), "46701234567");
        assertEquals(407, cancelledReport.code());

        BinaryBatch binary = assertInstanceOf(BinaryBatch.class, sinch.batches().send(BinaryRequest.builder()
                .to("+46701000001").body("SGVsbG8=").udh("06050415811581").build()));
        assertEquals("06050415811581", binary.udh());
        MediaBatch media = assertInstanceOf(MediaBatch.class, sinch.batches().send(MediaRequest.builder()
                .to("+12025550123").body(new MediaBody("https://example.com/cat.png", "Look", "Cat")).build()));
        assertEquals("Look", media.body().message());

        DryRunResult dry = sinch.batches().dryRun(TextRequest.builder().to("+46701000001", "+46701000002")
                .body("ж".repeat(71)).build(), true, 1);
        assertEquals(2, dry.numberOfRecipients());
        assertEquals(4, dry.numberOfMessages());
        assertEquals("unicode", dry.perRecipient().get(0).encoding());

        Batch delivered = sinch.batches().send(TextRequest.builder().to("+46701000021", "+46701000666")
                .body("Report me").clientReference("java-reports").feedbackEnabled(true).build());
        awaitFinal(delivered.id());
        BatchDeliveryReport full = sinch.deliveryReports().forBatch(delivered.id(), DeliveryReports.Kind.FULL);
        assertEquals(Map.of("Delivered", List.of("46701000021"), "Failed", List.of("46701000666")),
                full.statuses().stream().collect(Collectors.toMap(BatchDeliveryReport.StatusCount::status,
                        BatchDeliveryReport.StatusCount::recipients)));
        assertEquals(List.of("46701000666"), sinch.deliveryReports().stream(DeliveryReportQuery.all()
                .withClientReference("java-reports").withStatuses("Failed")).map(RecipientDeliveryReport::recipient).toList());
        sinch.batches().deliveryFeedback(delivered.id(), List.of("+46701000021"));

        for (int i = 0; i < 7; i++) {
            sinch.batches().send(TextRequest.builder().to("+46701000030").body("page " + i).clientReference("java-paging").build());
        }
        List<String> bodies = sinch.batches().stream(BatchQuery.byClientReference("java-paging", Instant.now().minus(Duration.ofHours(1))), 3)
                .map(b -> ((TextBatch) b).body()).toList();
        assertEquals(List.of("page 6", "page 5", "page 4", "page 3", "page 2", "page 1", "page 0"), bodies);
        assertEquals(3, sinch.batches().list(BatchQuery.byClientReference("java-paging", null), 0, 3).pageSize());
        assertEquals(1, sinch.batches().list(BatchQuery.byClientReference("java-paging", null), 2, 3).pageSize());
    }

    @Test
    void ourClientDrivesGroupsAndInbounds() throws Exception {
        Group group = sinch.groups().create(new GroupRequest("Java club", List.of("+46701000031"), null,
                new AutoUpdate("12025550100", AutoUpdate.Keywords.of("JOIN"), AutoUpdate.Keywords.of("LEAVE"))));
        assertEquals(1, group.size());
        assertEquals(group.id(), sinch.groups().get(group.id()).id());
        assertTrue(sinch.groups().stream().anyMatch(g -> g.id().equals(group.id())));
        Group renamed = sinch.groups().update(group.id(), GroupUpdate.members(List.of("+46701000032"), List.of("+46709999999"))
                .withoutName());
        assertNull(renamed.name());
        assertEquals(2, renamed.size());

        assertEquals(201, control("POST", "inbounds", "{\"from\":\"+46701000033\",\"to\":\"12025550100\",\"body\":\"join\"}").statusCode());
        assertEquals(List.of("46701000031", "46701000032", "46701000033"), sinch.groups().members(group.id()),
                "the keyword of auto_update added the sender");
        List<Inbound> inbounds = sinch.inbounds().stream(InboundQuery.all().withTo("+12025550100")).toList();
        TextInbound mo = assertInstanceOf(TextInbound.class, inbounds.get(0));
        assertEquals("46701000033", mo.from());
        assertEquals(mo, sinch.inbounds().get(mo.id()));

        Group replaced = sinch.groups().replace(group.id(), GroupRequest.of("Replaced", List.of("+46701000034")));
        assertEquals(1, replaced.size());
        sinch.groups().delete(group.id());
        SinchException gone = assertThrows(SinchException.class, () -> sinch.groups().get(group.id()));
        assertEquals(404, gone.status());
    }

    @Test
    void refusalsCarrySinchsStatusesAndCodes() throws Exception {
        SinchException unknown = assertThrows(SinchException.class, () -> sinch.batches().get("01AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(404, unknown.status());
        try (SinchClient wrong = SinchClient.create(SinchConfig.builder().baseUrl(sandbox.url("/sandbox").toString())
                .servicePlan(PLAN, "wrong-token").build())) {
            assertEquals(401, assertThrows(SinchException.class, () -> wrong.batches().list(BatchQuery.all(), 0, 10)).status());
        }
        // Our client refuses these itself, so they go raw.
        String many = IntStream.range(0, 1001).mapToObj(i -> "\"4670200" + String.format("%04d", i) + "\"")
                .collect(Collectors.joining(","));
        assertError(api("POST", "batches", "{\"to\":[" + many + "],\"body\":\"x\"}"), 400, "syntax_constraint_violation");
        assertError(api("POST", "batches", "{\"to\":[\"+46 70\"],\"body\":\"x\"}"), 400, "syntax_invalid_parameter_format");
        assertError(api("POST", "batches", "{\"to\":[\"46701000001\"],\"body\":\"" + "x".repeat(2001) + "\"}"), 400,
                "syntax_constraint_violation");
        assertError(api("POST", "batches", "{\"to\":[\"46701000001\"],\"body\":\"x\",\"send_at\":\"2030-01-01T00:00:00Z\","
                + "\"expire_at\":\"2030-01-04T00:00:01Z\"}"), 400, "syntax_constraint_violation");
        assertError(api("POST", "batches", "{\"to\":[\"46701000001\"],"), 400, "syntax_invalid_json");
        HttpResponse<String> error = api("POST", "batches", "{\"to\":[\"46701000001\"],\"body\":\"x\",\"delivery_report\":\"full\","
                + "\"callback_url\":\"http://example.com/hooks\"}");
        assertError(error, 400, "syntax_constraint_violation");
        SinchShapes.assertSameShape("error.json", error.body());
        assertEquals(0, sinch.batches().list(BatchQuery.all(), 0, 10).count(), "nothing refused was stored");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, SinchJson.tree(response.body()).asJsonObject().getString("code"), response.body());
    }

    // ---- the answers have the shapes of the Sinch test vectors ----

    @Test
    void everyAnswerHasTheFieldsAndTypesOfTheSinchTestVectors() throws Exception {
        Group child = sinch.groups().create(GroupRequest.of("child", List.of("+46701000040")));
        String group = api("POST", "groups", "{\"name\":\"shapes\",\"members\":[\"46701000041\"],\"child_groups\":[\""
                + child.id() + "\"],\"auto_update\":{\"to\":\"12025550100\",\"add\":{\"first_word\":\"A\",\"second_word\":\"B\"},"
                + "\"remove\":{\"first_word\":\"C\",\"second_word\":\"D\"}}}").body();
        SinchShapes.assertSameShape("groups/group.json", group);
        SinchShapes.assertSameShape("groups/list-page-0.json", api("GET", "groups", null).body());

        String common = "\"from\":\"+15551231234\",\"delivery_report\":\"full\",\"send_at\":\"2030-01-01T00:00:00Z\","
                + "\"expire_at\":\"2030-01-02T00:00:00Z\",\"callback_url\":\"" + receiver.url() + "\","
                + "\"client_reference\":\"shapes\",\"feedback_enabled\":false";
        String sms = ",\"flash_message\":true,\"truncate_concat\":true,\"max_number_of_message_parts\":1,\"from_ton\":6,\"from_npi\":18";
        HttpResponse<String> text = api("POST", "batches", "{\"to\":[\"+15551231234\",\"+15551256344\"],\"body\":\"Hi ${name}\","
                + "\"parameters\":{\"name\":{\"15551231234\":\"Ann\",\"default\":\"you\"}}," + common + sms + "}");
        assertEquals(201, text.statusCode(), text.body());
        SinchShapes.assertSameShape("batches/text-batch.json", text.body());
        SinchShapes.assertSameShape("batches/list-page-0.json",
                api("GET", "batches?page_size=2", null).body());
        SinchShapes.assertSameShape("batches/binary-batch.json", api("POST", "batches",
                "{\"type\":\"mt_binary\",\"to\":[\"+15551231234\"],\"body\":\"SGVsbG8=\",\"udh\":\"0605\"," + common + sms + "}").body());
        SinchShapes.assertSameShape("batches/media-batch.json", api("POST", "batches",
                "{\"type\":\"mt_media\",\"to\":[\"+15551231234\"],\"body\":{\"url\":\"https://example.com/a.png\",\"message\":\"Hi ${name}\","
                        + "\"subject\":\"s\"},\"parameters\":{\"name\":{\"default\":\"you\"}},\"strict_validation\":true," + common + "}").body());
        SinchShapes.assertSameShape("batches/dry-run.json", api("POST", "batches/dry_run?per_recipient=true",
                "{\"to\":[\"+15551231234\"],\"body\":\"Hi\"}").body());

        Batch now = sinch.batches().send(TextRequest.builder().to("+15551231234").body("Hi").clientReference("shapes")
                .from("+15550000000").deliveryReport(ReportMode.FULL).build());
        awaitFinal(now.id());
        SinchShapes.assertSameShape("delivery-reports/batch-sms-full.json",
                api("GET", "batches/" + now.id() + "/delivery_report?type=full", null).body());
        SinchShapes.assertSameShape("delivery-reports/recipient-sms.json",
                api("GET", "batches/" + now.id() + "/delivery_report/15551231234", null).body());
        SinchShapes.assertSameShape("delivery-reports/list-page-0.json",
                api("GET", "delivery_reports?client_reference=shapes", null).body());

        String mo = control("POST", "inbounds",
                "{\"from\":\"+447700900654\",\"to\":\"447700900000\",\"body\":\"Is there parking at the clinic?\"}").body();
        String inbound = api("GET", "inbounds/" + SinchJson.tree(mo).asJsonObject().getString("id"), null).body();
        SinchShapes.assertSameShape("inbounds/text.json", inbound, SinchShapes.MO_ODDITIES);
        SinchShapes.assertSameShape("inbounds/list-page-0.json",
                api("GET", "inbounds", null).body(), SinchShapes.MO_ODDITIES);
    }

    // ---- callbacks ----

    @Test
    void eachReportModeArrivesSignedAsSinchSignsIt() throws Exception {
        WebhookSignature signature = WebhookSignature.of(SECRET, Clock.systemUTC());
        // The algorithm that verifies the sandbox's callbacks is the one of Sinch's own test vector.
        assertEquals("ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=", signature.sign(("{\"at\":\"2025-01-13T09:22:40.914Z\","
                + "\"batch_id\":\"01JHFFHQ0P99JPPNQPJDV7JTBP\",\"client_reference\":\"a client reference\",\"code\":0,"
                + "\"operator_status_at\":\"2025-01-13T09:22:00Z\",\"recipient\":\"33662162466\",\"status\":\"Delivered\","
                + "\"type\":\"recipient_delivery_report_sms\"}").getBytes(StandardCharsets.UTF_8), "01JHFFHWYY7HSS4FWTMDTQEK8V", 1736760161));

        Map<ReportMode, Batch> batches = new HashMap<>();
        for (ReportMode mode : List.of(ReportMode.SUMMARY, ReportMode.FULL, ReportMode.PER_RECIPIENT, ReportMode.PER_RECIPIENT_FINAL)) {
            batches.put(mode, sinch.batches().send(TextRequest.builder().to("+46701000051", "+46701000666")
                    .body(mode.wire()).deliveryReport(mode).callbackUrl(receiver.url()).build()));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= 1 + 1 + 4 + 2);
        for (CallbackReceiver.Received callback : receiver.received()) {
            assertEquals(WebhookSignature.Result.VALID,
                    signature.verify(callback.body().getBytes(StandardCharsets.UTF_8), callback.headers()), callback.body());
            assertEquals("HmacSHA256", callback.headers().get(WebhookSignature.ALGORITHM));
        }
        Map<String, List<CallbackReceiver.Received>> byBatch = receiver.received().stream().collect(Collectors.groupingBy(
                r -> SinchJson.tree(r.body()).asJsonObject().getString("batch_id")));

        BatchDeliveryReport summary = assertInstanceOf(BatchDeliveryReport.class,
                WebhookParser.parse(byBatch.get(batches.get(ReportMode.SUMMARY).id()).get(0).body()));
        assertEquals(2, summary.totalMessageCount());
        assertTrue(summary.statuses().stream().allMatch(s -> s.recipients() == null));
        assertEquals(1, byBatch.get(batches.get(ReportMode.SUMMARY).id()).size());
        BatchDeliveryReport full = (BatchDeliveryReport) WebhookParser.parse(byBatch.get(batches.get(ReportMode.FULL).id()).get(0).body());
        assertEquals(Set.of(List.of("46701000051"), List.of("46701000666")),
                full.statuses().stream().map(BatchDeliveryReport.StatusCount::recipients).collect(Collectors.toSet()));
        List<String> perRecipient = byBatch.get(batches.get(ReportMode.PER_RECIPIENT).id()).stream()
                .map(r -> ((RecipientDeliveryReport) WebhookParser.parse(r.body())).status()).sorted().toList();
        assertEquals(List.of("Delivered", "Dispatched", "Dispatched", "Failed"), perRecipient);
        List<String> finals = byBatch.get(batches.get(ReportMode.PER_RECIPIENT_FINAL).id()).stream()
                .map(r -> ((RecipientDeliveryReport) WebhookParser.parse(r.body())).status()).sorted().toList();
        assertEquals(List.of("Delivered", "Failed"), finals);
    }

    @Test
    void aCallbackAnswered503IsRetried() throws Exception {
        receiver.failNext(2);
        Batch batch = sinch.batches().send(TextRequest.builder().to("+46701000061").body("retry me")
                .deliveryReport(ReportMode.SUMMARY).build()); // no callback_url: the configured default
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().stream().anyMatch(r -> r.answeredWith() == 200));
        List<CallbackReceiver.Received> attempts = receiver.received();
        assertEquals(List.of(503, 503, 200), attempts.stream().map(CallbackReceiver.Received::answeredWith).toList());
        assertEquals(1, attempts.stream().map(CallbackReceiver.Received::body).distinct().count(), "the same report each time");
        assertTrue(attempts.get(0).body().contains(batch.id()));
        assertEquals(2, event("callbacks_retried"));
        assertEquals(1, event("callbacks_delivered"));
    }

    @Test
    void aSimulatedReplyArrivesAsMoText() throws Exception {
        HttpResponse<String> created = control("POST", "inbounds", "{\"from\":\"+46 70 100 00 71\",\"body\":\"STOP\"}");
        assertEquals(201, created.statusCode(), created.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.ofType("mo_text").isEmpty());
        CallbackReceiver.Received callback = receiver.ofType("mo_text").get(0);
        TextInbound mo = assertInstanceOf(TextInbound.class, WebhookParser.parse(callback.body()));
        assertEquals("46701000071", mo.from());
        assertEquals("12025550100", mo.to(), "the sandbox's own number");
        assertEquals("STOP", mo.body());
        assertEquals(WebhookSignature.Result.VALID, WebhookSignature.of(SECRET, Clock.systemUTC())
                .verify(callback.body().getBytes(StandardCharsets.UTF_8), callback.headers()));
    }

    @Test
    void aCallbackToAHostOffTheAllowListIsRefused() throws Exception {
        SinchException refused = assertThrows(SinchException.class, () -> sinch.batches().send(TextRequest.builder()
                .to("+46701000081").body("x").deliveryReport(ReportMode.SUMMARY).callbackUrl("http://example.com/hooks").build()));
        assertEquals(400, refused.status());
        assertTrue(refused.text().contains("allow-listed"), refused.text());
        // A default pointed off the list (TEST-NET-1, never routed) is refused when posting.
        assertEquals(200, control("PATCH", "settings", "{\"callback_url\":\"http://192.0.2.1/hooks\"}").statusCode());
        control("POST", "inbounds", "{\"from\":\"+46701000081\",\"body\":\"hi\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> event("callbacks_refused") == 1);
        assertEquals(0, event("callbacks_delivered"));
        assertTrue(receiver.received().isEmpty());
    }

    // ---- faults, rate and exactly-once ----

    @Test
    void faultInjectionAnswers429ThenRecovers() throws Exception {
        control("PATCH", "settings", "{\"fault_status\":429,\"fault_next_requests\":2}");
        TextRequest request = TextRequest.builder().to("+46701000091").body("x").build();
        for (int i = 0; i < 2; i++) {
            SinchException e = assertThrows(SinchException.class, () -> sinch.batches().send(request));
            assertEquals(429, e.status());
            assertTrue(e.retryable() && e.certainlyNotApplied());
        }
        sinch.batches().send(request);
        control("PATCH", "settings", "{\"fault_status\":503,\"fault_next_requests\":1}");
        assertEquals(503, assertThrows(SinchException.class, () -> sinch.batches().send(request)).status());
        assertEquals(1, sinch.batches().list(BatchQuery.all(), 0, 10).count(), "faults are answered before anything is stored");
    }

    @Test
    void aClientThatTimesOutAfterTheBatchWasAcceptedFindsItByClientReference() throws Exception {
        control("PATCH", "settings", "{\"send_answer_delay_ms\":3000}");
        Instant before = Instant.now().minusSeconds(5);
        try (SinchClient impatient = client(Duration.ofMillis(800))) {
            SinchException timeout = assertThrows(SinchException.class, () -> impatient.batches().send(
                    TextRequest.builder().to("+46701000099").body("once").clientReference("release-7").build()));
            assertTrue(timeout.mayHaveBeenApplied(), "Sinch has the batch, the client has no id");
        }
        List<Batch> found = sinch.batches().stream(BatchQuery.byClientReference("release-7", before)).toList();
        assertEquals(1, found.size(), "found by client_reference instead of sent again");
        awaitFinal(found.get(0).id());
        assertEquals(1, counters().getJsonObject("messages_per_recipient").getJsonNumber("46701000099").longValue(),
                "exactly one message reached the phone");
    }

    @Test
    void theRateLimitPacesMessagesFirstInFirstOut() throws Exception {
        control("PATCH", "settings", "{\"messages_per_second\":10,\"dispatch_delay_ms\":0}");
        Batch first = sinch.batches().send(TextRequest.builder().to(IntStream.range(0, 10)
                .mapToObj(i -> "+4670110000" + i).toArray(String[]::new)).body("ten").build());
        Batch second = sinch.batches().send(TextRequest.builder().to("+46701109999").body("after").build());
        awaitFinal(second.id());
        List<Instant> firstTimes = sinch.deliveryReports().stream(DeliveryReportQuery.all()).filter(r -> r.batchId().equals(first.id()))
                .map(r -> r.at().minus(Duration.ofMillis(100))).sorted().toList();
        Instant secondAt = sinch.deliveryReports().forRecipient(second.id(), "46701109999").at().minus(Duration.ofMillis(100));
        assertTrue(Duration.between(firstTimes.get(0), firstTimes.get(9)).toMillis() >= 900, "10 messages at 10/s take 0.9 s");
        assertFalse(secondAt.isBefore(firstTimes.get(9).plusMillis(100)), "the later batch waits its turn");
    }

    // ---- alone: no console, no files ----

    @Test
    void aloneItServesOnlyTheSandboxAndHealthAndKeepsNoFiles() throws Exception {
        assertEquals(200, http.send(HttpRequest.newBuilder(sandbox.url("/api/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(sandbox.url("/login.xhtml")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertFalse(Files.exists(work.resolve("data")), "no database file, no admin password file");
        assertEquals(401, call("GET", sandbox.url("/sandbox/control/counters"), null, "wrong").statusCode(),
                "the control API needs the sandbox token");
        assertEquals(401, call("GET", sandbox.url("/sandbox/xms/v1/other-plan/batches"), null, TOKEN).statusCode(),
                "another service plan id");
    }
}
