package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.BatchQuery;
import org.smsconsole.sinch.batch.BinaryBatch;
import org.smsconsole.sinch.batch.BinaryRequest;
import org.smsconsole.sinch.batch.DryRunRecipient;
import org.smsconsole.sinch.batch.DryRunResult;
import org.smsconsole.sinch.batch.MediaBatch;
import org.smsconsole.sinch.batch.MediaBody;
import org.smsconsole.sinch.batch.MediaRequest;
import org.smsconsole.sinch.batch.MediaUpdate;
import org.smsconsole.sinch.batch.ReportMode;
import org.smsconsole.sinch.batch.TextBatch;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.sinch.batch.TextUpdate;

/** Every batch operation against a real local HTTP server: method, path, query, headers, body. */
class BatchesClientTest {
    static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
    static final String BASE = "/xms/v1/plan-1";
    /** The batch of batches/text-batch.json. */
    static final String ID = "01KAB3RHYX8BBNND8FP5CVJ721";

    FakeSinch sinch;
    SinchClient client;

    @BeforeEach
    void start() throws IOException {
        sinch = new FakeSinch();
        client = SinchClient.create(SinchConfig.builder().baseUrl(sinch.root()).servicePlan("plan-1", "api-token-1")
                .clock(new MutableClock(NOW)).build());
    }

    @AfterEach
    void stop() {
        client.close();
        sinch.close();
    }

    /** One of the project's Sinch test vectors ({@link SinchVectors}). */
    static String vector(String name) {
        return SinchVectors.project().read(name);
    }

    static void assertJson(String expected, String actual) {
        assertEquals(SinchJson.tree(expected), SinchJson.tree(actual));
    }

    @Test
    void sendTextPostsTheBatchWithBearerTokenAndUserAgent() {
        sinch.answer(201, vector("batches/text-batch.json"));

        Batch batch = client.batches().send(TextRequest.builder()
                .to("+46 70-123 45 67", "0044 (20) 7946 0958").from("Console")
                .body("Hi ${name}").parameter("name", "+46701234567", "Ann").parameterDefault("name", "you")
                .deliveryReport(ReportMode.PER_RECIPIENT).sendAt(NOW.plusSeconds(60)).expireAt(NOW.plus(Duration.ofDays(1)))
                .clientReference("rel-42").callbackUrl("https://console.example/webhooks/sinch").build());

        FakeSinch.Received r = sinch.only("POST", BASE + "/batches");
        assertEquals("Bearer api-token-1", r.header("Authorization"));
        assertEquals(SinchConfig.DEFAULT_USER_AGENT, r.header("User-Agent"));
        assertTrue(r.header("User-Agent").matches("sms-console/\\d.*"), r.header("User-Agent"));
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        assertTrue(r.header("Accept").contains("application/json"));
        assertJson("""
                {"type":"mt_text","to":["46701234567","442079460958"],"from":"Console","body":"Hi ${name}",
                 "parameters":{"name":{"46701234567":"Ann","default":"you"}},"delivery_report":"per_recipient",
                 "send_at":"2026-01-10T10:01:00.000Z","expire_at":"2026-01-11T10:00:00.000Z",
                 "client_reference":"rel-42","callback_url":"https://console.example/webhooks/sinch"}""", r.body());
        TextBatch text = assertInstanceOf(TextBatch.class, batch);
        assertEquals(ID, text.id());
        assertEquals(Instant.parse("2025-11-18T09:12:04.317Z"), text.createdAt());
        assertEquals("\u0141ucja", text.parameters().get("name").get("447700900456"));
    }

    @Test
    void sendBinaryAndMedia() {
        sinch.answer(201, vector("batches/binary-batch.json"));
        sinch.answer(201, vector("batches/media-batch.json"));

        Batch binary = client.batches().send(BinaryRequest.builder().to("15551231234")
                .body("SGVsbG8=").udh("050003010201").build());
        assertJson("""
                {"type":"mt_binary","to":["15551231234"],"body":"SGVsbG8=","udh":"050003010201"}""",
                sinch.only("POST", BASE + "/batches").body());
        assertInstanceOf(BinaryBatch.class, binary);

        Batch media = client.batches().send(MediaRequest.builder().to("15551231234")
                .body(new MediaBody("https://cdn.example/a.png", "Look", "Hi")).strictValidation(true).build());
        assertJson("""
                {"type":"mt_media","to":["15551231234"],"strict_validation":true,
                 "body":{"url":"https://cdn.example/a.png","message":"Look","subject":"Hi"}}""",
                sinch.only("POST", BASE + "/batches").body());
        assertEquals("November offer", assertInstanceOf(MediaBatch.class, media).body().subject());
    }

    @Test
    void dryRunAsksPerRecipientDetail() {
        sinch.answer(200, vector("batches/dry-run.json"));

        DryRunResult result = client.batches().dryRun(TextRequest.builder().to("15551231234").body("Hi").build(), true, 5);

        FakeSinch.Received r = sinch.only("POST", BASE + "/batches/dry_run");
        assertEquals("per_recipient=true&number_of_recipients=5", r.query());
        assertJson("""
                {"type":"mt_text","to":["15551231234"],"body":"Hi"}""", r.body());
        assertEquals(4, result.numberOfMessages());
        assertEquals(List.of(1, 2, 1), result.perRecipient().stream().map(DryRunRecipient::numberOfParts).toList());
        assertEquals("unicode", result.perRecipient().get(1).encoding());
    }

    @Test
    void listPassesFiltersAndEncodesValuesSafely() {
        sinch.answer(200, vector("batches/list-page-0.json"));

        Page<Batch> page = client.batches().list(BatchQuery.byClientReference("a+b&c {x}", NOW.minus(Duration.ofDays(2)))
                .withFrom("+1 555 123"), 0, 2);

        FakeSinch.Received r = sinch.only("GET", BASE + "/batches");
        assertEquals("page=0&page_size=2&from=1555123&start_date=2026-01-08T10:00:00.000Z"
                + "&client_reference=a+b&c {x}", r.query());
        assertTrue(r.rawQuery().endsWith("&client_reference=a%2Bb%26c%20%7Bx%7D"), r.rawQuery());
        assertEquals(3, page.count());
        assertEquals(2, page.pageSize());
        assertEquals(List.of("mt_text", "mt_binary"), page.items().stream().map(Batch::getType).toList());
    }

    @Test
    void streamWalksAllPagesAndStopsAtTheShortOne() {
        sinch.answer(200, vector("batches/list-page-0.json"));
        sinch.answer(200, vector("batches/list-page-1.json"));

        List<String> ids = client.batches().stream(BatchQuery.all(), 2).map(Batch::id).toList();

        assertEquals(List.of(ID, "01KAB3CVQE682E66VBGQJPE985", "01KA9B0DAGXGTNSEBKBF7HK5WB"), ids);
        assertEquals(List.of("page=0&page_size=2", "page=1&page_size=2"),
                sinch.received().stream().map(FakeSinch.Received::query).toList());
    }

    @Test
    void getUpdateReplaceCancel() {
        String text = vector("batches/text-batch.json");
        sinch.answer(200, text).answer(200, text).answer(200, text)
                .answer(200, text.replace("\"canceled\": false", "\"canceled\": true"));

        assertEquals(ID, client.batches().get(ID).id());
        sinch.only("GET", BASE + "/batches/" + ID);

        client.batches().update(ID, TextUpdate.builder().toAdd("+15551230000").toRemove("15551231234")
                .body("New text").build());
        assertJson("""
                {"type":"mt_text","to_add":["15551230000"],"to_remove":["15551231234"],"body":"New text"}""",
                sinch.only("POST", BASE + "/batches/" + ID).body());

        client.batches().replace(ID, TextRequest.builder().to("15551231234").body("Again").build());
        assertJson("""
                {"type":"mt_text","to":["15551231234"],"body":"Again"}""", sinch.only("PUT", BASE + "/batches/" + ID).body());

        assertTrue(client.batches().cancel(ID).canceled());
        assertEquals("", sinch.only("DELETE", BASE + "/batches/" + ID).body());
    }

    @Test
    void mediaUpdateCarriesStrictValidation() {
        sinch.answer(200, vector("batches/media-batch.json"));
        client.batches().update(ID, MediaUpdate.builder().body(MediaBody.of("https://cdn.example/b.png"))
                .strictValidation(false).build());
        assertJson("""
                {"type":"mt_media","body":{"url":"https://cdn.example/b.png"},"strict_validation":false}""",
                sinch.only("POST", BASE + "/batches/" + ID).body());
    }

    @Test
    void deliveryFeedbackPostsRecipientsAndAcceptsAnEmptyAnswer() {
        sinch.answer(202, "");
        client.batches().deliveryFeedback(ID, List.of("+1 555 123 1234", "0015551256344"));
        FakeSinch.Received r = sinch.only("POST", BASE + "/batches/" + ID + "/delivery_feedback");
        assertJson("""
                {"recipients":["15551231234","15551256344"]}""", r.body());
        assertNull(r.query());
    }

    @Test
    void idsArePathSegmentsNeverPathSyntax() {
        sinch.answer(200, vector("batches/text-batch.json"));
        client.batches().get("../groups");
        assertEquals(BASE + "/batches/..%2Fgroups", sinch.received().get(0).path());
    }
}
