package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.config.LocalPort;
import org.smsconsole.inbound.InboundMessage;
import org.smsconsole.inbound.Inbounds;
import org.smsconsole.message.DeliveryReceipts;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;
import org.smsconsole.scheduler.SinchConnection;
import org.smsconsole.scheduler.reports.DeliveryReportPoller;
import org.smsconsole.scheduler.reports.PollCheckpoints;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.SinchVectors;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.ReportMode;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.sinch.report.BatchDeliveryReport;
import org.smsconsole.sinch.report.DeliveryCodes;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.sinch.webhook.WebhookSignature;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sinch webhook and the delivery-report poller in the container, over real HTTP: the project's Sinch test
 * vectors move the messages they name, duplicates and late reports change nothing, bad signatures and bodies are
 * refused with nothing stored, a database failure answers 503 and the retry succeeds, unknown batches are
 * kept as orphans, MOs are stored once, and the poller reads the built-in sandbox. Runs on H2 and PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryReportsPersistenceIT {

    private static final String SANDBOX_TOKEN = "sandbox-api-token";

    @Deployment
    static WebArchive deployment() {
        return Deployments.withSinchVectors(Deployments.console());
    }

    @ArquillianResource
    URL base;

    @Inject
    Messages messages;

    @Inject
    DeliveryReceipts receipts;

    @Inject
    Inbounds inbounds;

    @Inject
    DeliveryReportPoller poller;

    @Inject
    PollCheckpoints checkpoints;

    @Inject
    SinchConnection sinch;

    @Inject
    Clock clock;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyDeliveryReportVectorMovesTheMessagesItNamesAndASummaryMovesNone() throws Exception {
        SinchVectors vectors = SinchVectors.project();
        List<String> names = vectors(vectors, "delivery_report_", "recipient_delivery_report_");
        assertTrue(names.size() >= 10, "the delivery report vectors (answers and callbacks, SMS and MMS): " + names);
        assertEquals(Set.of(BatchDeliveryReport.SMS, BatchDeliveryReport.MMS, RecipientDeliveryReport.SMS, RecipientDeliveryReport.MMS),
                names.stream().map(name -> object(vectors.read(name)).getString("type")).collect(Collectors.toSet()));
        for (String name : names) {
            String batch = batchId();
            JsonObject report = Json.createObjectBuilder(object(vectors.read(name))).add("batch_id", batch).build();
            // Each recipient the vector names, with the status line (or the recipient report) that names it.
            Map<String, JsonObject> named = new LinkedHashMap<>();
            int summaryLines = 0;
            if (report.containsKey("recipient")) {
                named.put("+" + report.getString("recipient"), report);
            } else {
                for (JsonObject line : report.getJsonArray("statuses").getValuesAs(JsonObject.class)) {
                    if (line.containsKey("recipients")) {
                        line.getJsonArray("recipients").getValuesAs(JsonString.class).forEach(r -> named.put("+" + r.getString(), line));
                    } else {
                        summaryLines++;
                    }
                }
            }
            assertTrue(named.isEmpty() != (summaryLines == 0), name + ": names recipients or is a summary");
            Map<String, Long> ids = new LinkedHashMap<>();
            for (String phone : named.keySet()) {
                ids.put(phone, seed(batch, phone, MessageState.SENT));
            }
            long bystander = seed(batch, phone(), MessageState.SENT); // in the batch, named by no report: never moves

            HttpResponse<String> answer = post(report.toString());
            assertEquals(200, answer.statusCode(), name + ": " + answer.body());
            assertEquals("{\"stored\":" + (named.size() + summaryLines) + ",\"duplicates\":0,\"messages_changed\":" + named.size() + "}",
                    answer.body(), name);

            for (Map.Entry<String, JsonObject> e : named.entrySet()) {
                Message m = messages.get(ids.get(e.getKey()));
                String status = e.getValue().getString("status");
                int code = e.getValue().getInt("code");
                String label = name + " " + e.getKey();
                assertEquals(stateAfter(status), m.getState(), label);
                assertEquals(status, m.getDeliveryStatus(), label);
                assertEquals(code, m.getDeliveryCode(), label);
                if (e.getValue().containsKey("at")) {
                    assertEquals(Instant.parse(e.getValue().getString("at")), m.getStatusAt(), label);
                }
                if (status.equals("Delivered")) {
                    assertNull(m.getReason(), label);
                } else if (m.getState().isFinal()) {
                    assertEquals(status + " (" + code + "): " + DeliveryCodes.meaning(code).orElseThrow(), m.getReason(), label);
                }
            }
            Message untouched = messages.get(bystander);
            assertEquals(MessageState.SENT, untouched.getState(), name);
            assertNull(untouched.getDeliveryStatus(), name);

            List<Event> events = events(batch);
            assertEquals(named.size() + summaryLines, events.size(), name + ": " + events);
            assertTrue(events.stream().noneMatch(Event::orphan), name + ": the batch is known: " + events);
            assertEquals(new java.util.HashSet<>(named.keySet()), events.stream().map(Event::recipient).filter(r -> r != null)
                    .collect(Collectors.toSet()), name);
            assertEquals(summaryLines, events.stream().filter(ev -> ev.recipient() == null && ev.count() != null).count(), name);
        }
    }

    /** What a report with this status makes of a SENT message. */
    private static MessageState stateAfter(String status) {
        return switch (status) {
            case "Queued", "Dispatched" -> MessageState.SENT;
            case "Delivered" -> MessageState.DELIVERED;
            case "Cancelled" -> MessageState.CANCELLED;
            default -> MessageState.FAILED;
        };
    }

    @Test
    void aRepeatedReportChangesNothingAndALateOneCannotMoveAMessageBack() throws Exception {
        String batch = batchId();
        String phone = phone();
        long id = seed(batch, phone, MessageState.SENT);
        assertEquals(200, post(report(batch, phone, "Queued", 400, "2026-01-01T10:00:00Z")).statusCode());
        assertEquals(200, post(report(batch, phone, "Dispatched", 401, "2026-01-01T10:00:01Z")).statusCode());
        HttpResponse<String> delivered = post(report(batch, phone, "Delivered", 0, "2026-01-01T10:00:05Z"));
        assertEquals("{\"stored\":1,\"duplicates\":0,\"messages_changed\":1}", delivered.body());
        Message before = messages.get(id);
        assertEquals(MessageState.DELIVERED, before.getState());
        assertEquals(Instant.parse("2026-01-01T10:00:05Z"), before.getStatusAt());

        HttpResponse<String> again = post(report(batch, phone, "Delivered", 0, "2026-01-01T10:00:05Z"));
        assertEquals(200, again.statusCode());
        assertEquals("{\"stored\":0,\"duplicates\":1,\"messages_changed\":0}", again.body());
        HttpResponse<String> late = post(report(batch, phone, "Dispatched", 401, "2026-01-01T10:00:02Z"));
        assertEquals("{\"stored\":1,\"duplicates\":0,\"messages_changed\":0}", late.body(), "kept, but it moves nothing");
        HttpResponse<String> otherFinal = post(report(batch, phone, "Failed", 402, "2026-01-01T10:00:09Z"));
        assertEquals("{\"stored\":1,\"duplicates\":0,\"messages_changed\":0}", otherFinal.body(), "a final status never changes");

        Message after = messages.get(id);
        assertEquals(MessageState.DELIVERED, after.getState());
        assertEquals("Delivered", after.getDeliveryStatus());
        assertEquals(0, after.getDeliveryCode());
        assertEquals(before.getStatusAt(), after.getStatusAt());
        assertEquals(5, events(batch).size(), "every distinct report is kept");

        // Intermediate statuses only move forward too.
        String other = phone();
        long second = seed(batch, other, MessageState.SENT);
        post(report(batch, other, "Dispatched", 401, "2026-01-01T10:00:01Z"));
        post(report(batch, other, "Queued", 400, "2026-01-01T10:00:00Z"));
        assertEquals("Dispatched", messages.get(second).getDeliveryStatus());
        assertEquals(MessageState.SENT, messages.get(second).getState());
    }

    @Test
    void failuresCarrySinchsReasonAndAReportMayBeatTheReleaseLoopsCommit() throws Exception {
        String batch = batchId();
        String failing = phone();
        long failed = seed(batch, failing, MessageState.SENT);
        post(report(batch, failing, "Failed", 402, "2026-01-01T10:00:05Z"));
        Message f = messages.get(failed);
        assertEquals(MessageState.FAILED, f.getState());
        assertEquals("Failed (402): Message unroutable", f.getReason());
        assertEquals("Failed", f.getDeliveryStatus());
        assertEquals(402, f.getDeliveryCode());

        String cancelled = phone();
        long c = seed(batch, cancelled, MessageState.SENT);
        post(report(batch, cancelled, "Cancelled", 407, "2026-01-01T10:00:05Z"));
        assertEquals(MessageState.CANCELLED, messages.get(c).getState());

        // Still SENDING (batch id stored, SENT not yet): the report counts.
        String early = phone();
        long sending = seed(batch, early, MessageState.SENDING);
        post(report(batch, early, "Dispatched", 401, "2026-01-01T10:00:01Z"));
        assertEquals(MessageState.SENDING, messages.get(sending).getState(), "the release loop still marks it SENT");
        assertEquals("Dispatched", messages.get(sending).getDeliveryStatus());
        post(report(batch, early, "Delivered", 0, "2026-01-01T10:00:02Z"));
        assertEquals(MessageState.DELIVERED, messages.get(sending).getState());
    }

    @Test
    void batchReportsMoveEachRecipientOrCountPerStatus() throws Exception {
        String batch = batchId();
        String a = phone();
        String b = phone();
        String c = phone();
        long ia = seed(batch, a, MessageState.SENT);
        long ib = seed(batch, b, MessageState.SENT);
        long ic = seed(batch, c, MessageState.SENT);
        String full = "{\"type\":\"delivery_report_sms\",\"batch_id\":\"" + batch + "\",\"total_message_count\":3,\"statuses\":["
                + "{\"code\":0,\"status\":\"Delivered\",\"count\":2,\"recipients\":[\"" + a.substring(1) + "\",\"" + b.substring(1) + "\"]},"
                + "{\"code\":153,\"status\":\"Rejected\",\"count\":1,\"recipients\":[\"" + c.substring(1) + "\"]}]}";
        assertEquals("{\"stored\":3,\"duplicates\":0,\"messages_changed\":3}", post(full).body());
        assertEquals(MessageState.DELIVERED, messages.get(ia).getState());
        assertEquals(MessageState.DELIVERED, messages.get(ib).getState());
        assertEquals(MessageState.FAILED, messages.get(ic).getState());
        assertEquals("Rejected (153): Absent subscriber", messages.get(ic).getReason());
        assertEquals("{\"stored\":0,\"duplicates\":3,\"messages_changed\":0}", post(full).body());

        String summaryBatch = batchId();
        long untouched = seed(summaryBatch, a, MessageState.SENT);
        String summary = "{\"type\":\"delivery_report_mms\",\"batch_id\":\"" + summaryBatch + "\",\"total_message_count\":3,\"statuses\":["
                + "{\"code\":0,\"status\":\"Delivered\",\"count\":2},{\"code\":402,\"status\":\"Failed\",\"count\":1}]}";
        assertEquals(200, post(summary).statusCode());
        List<Event> lines = events(summaryBatch);
        assertEquals(List.of("Delivered x2", "Failed x1"), lines.stream().map(e -> e.status() + " x" + e.count()).sorted().toList());
        assertTrue(lines.stream().noneMatch(Event::orphan));
        assertEquals(MessageState.SENT, messages.get(untouched).getState(), "counts name nobody");
    }

    @Test
    void aBadSignatureIsRefusedAndNothingIsStored() throws Exception {
        String batch = batchId();
        String phone = phone();
        long id = seed(batch, phone, MessageState.SENT);
        String body = report(batch, phone, "Delivered", 0, "2026-01-01T10:00:05Z");
        Map<String, String> signed = sign(body, clock.instant().getEpochSecond());

        HttpResponse<String> tampered = post(body.replace("Delivered", "Failed\",\"x\":\""), signed);
        assertEquals(401, tampered.statusCode());
        assertEquals("application/problem+json", tampered.headers().firstValue("Content-Type").orElse(""));
        assertTrue(tampered.body().contains("\"status\":401"), tampered.body());
        assertEquals(401, post(body, Map.of()).statusCode(), "unsigned");
        assertEquals(401, post(body, sign(body, clock.instant().getEpochSecond() - 3600)).statusCode(), "an hour old");
        Map<String, String> wrongSecret = WebhookSignature.of("not-the-secret", clock)
                .signedHeaders(body.getBytes(StandardCharsets.UTF_8), nonce(), clock.instant().getEpochSecond());
        assertEquals(401, post(body, wrongSecret).statusCode());

        assertEquals(List.of(), events(batch));
        assertEquals(MessageState.SENT, messages.get(id).getState());
        assertEquals(200, post(body, signed).statusCode(), "the genuine request still goes through");
        assertEquals(MessageState.DELIVERED, messages.get(id).getState());
    }

    @Test
    void malformedBodiesAreRefusedWith400AndNothingIsStored() throws Exception {
        long before = count("delivery_event") + count("inbound_message");
        for (String body : List.of("not json", "[1,2]", "{}", "{\"type\":\"mt_text\",\"body\":\"hi\"}",
                "{\"type\":\"recipient_delivery_report_sms\",\"recipient\":\"15550001\",\"status\":\"Delivered\"}",
                "{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"" + batchId() + "\",\"recipient\":\"+1 not a number\",\"status\":\"Delivered\"}",
                "{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"" + batchId() + "\",\"recipient\":\"15550001\",\"status\":\"Delivered\",\"at\":\"yesterday\"}",
                "{\"type\":\"delivery_report_sms\",\"batch_id\":\"" + batchId() + "\"}",
                "{\"type\":\"mo_text\",\"from\":\"15550001\",\"body\":\"no id\"}")) {
            HttpResponse<String> answer = post(body);
            assertEquals(400, answer.statusCode(), body + " -> " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), body);
        }
        assertEquals(before, count("delivery_event") + count("inbound_message"));
    }

    @Test
    void whenTheDatabaseCannotStoreTheAnswerIs503AndSinchsRetrySucceeds() throws Exception {
        String batch = batchId();
        String phone = phone();
        long id = seed(batch, phone, MessageState.SENT);
        String body = report(batch, phone, "Delivered", 0, "2026-01-01T10:00:05Z");
        HttpResponse<String> failed;
        sql("alter table delivery_event rename to delivery_event_away");
        try {
            failed = post(body);
        } finally {
            sql("alter table delivery_event_away rename to delivery_event");
        }
        assertEquals(503, failed.statusCode(), failed.body());
        assertEquals("application/problem+json", failed.headers().firstValue("Content-Type").orElse(""));
        assertEquals(MessageState.SENT, messages.get(id).getState(), "rolled back whole");

        HttpResponse<String> retry = post(body);
        assertEquals(200, retry.statusCode(), retry.body());
        assertEquals(MessageState.DELIVERED, messages.get(id).getState());
        assertEquals(1, events(batch).size());
    }

    @Test
    void aReportForAnUnknownBatchIsKeptAsAnOrphanAndAdoptedOnceTheBatchIdIsStored() throws Exception {
        String batch = batchId();
        String phone = phone();
        HttpResponse<String> answer = post(report(batch, phone, "Delivered", 0, "2026-01-01T10:00:05Z"));
        assertEquals(200, answer.statusCode());
        assertEquals(List.of(true), events(batch).stream().map(Event::orphan).toList());

        long id = seed(batch, phone, MessageState.SENDING); // the release loop stores the batch id a moment later
        assertEquals(1, receipts.adoptOrphans(batch));
        assertEquals(MessageState.DELIVERED, messages.get(id).getState());
        assertEquals(List.of(false), events(batch).stream().map(Event::orphan).toList());
        assertEquals(0, receipts.adoptOrphans(batch));
    }

    @Test
    void concurrentCopiesOfOneReportAreStoredOnceAndAllAnswered2xx() throws Exception {
        String batch = batchId();
        String phone = phone();
        long id = seed(batch, phone, MessageState.SENT);
        String body = report(batch, phone, "Delivered", 0, "2026-01-01T10:00:05Z");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(http.sendAsync(request(body, sign(body, clock.instant().getEpochSecond())), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertEquals(200, answer.get().statusCode(), answer.get().body());
        }
        assertEquals(1, events(batch).size());
        assertEquals(MessageState.DELIVERED, messages.get(id).getState());
    }

    @Test
    void everyInboundVectorIsStoredOnce() throws Exception {
        SinchVectors vectors = SinchVectors.project();
        List<String> names = vectors(vectors, "mo_");
        assertTrue(names.size() >= 6, "the MO vectors (GET /inbounds answers and callbacks): " + names);
        assertEquals(Set.of("mo_text", "mo_binary", "mo_media"),
                names.stream().map(name -> object(vectors.read(name)).getString("type")).collect(Collectors.toSet()));
        for (String name : names) {
            String sinchId = batchId();
            JsonObject json = Json.createObjectBuilder(object(vectors.read(name))).add("id", sinchId).build();
            String body = json.toString();
            HttpResponse<String> first = post(body);
            assertEquals("{\"stored\":1,\"duplicates\":0,\"messages_changed\":0}", first.body(), name);
            assertEquals("{\"stored\":0,\"duplicates\":1,\"messages_changed\":0}", post(body).body(), name);

            InboundMessage mo = inbounds.find(sinchId).orElseThrow();
            assertEquals(json.getString("type"), mo.getType(), name);
            assertEquals("+" + json.getString("from"), mo.getFrom(), name);
            assertEquals(json.getString("to"), mo.getTo(), name);
            assertEquals(Instant.parse(json.getString("received_at")), mo.getReceivedAt(), name);
            assertNotNull(mo.getStoredAt());
            if (mo.getType().equals("mo_media")) {
                assertEquals(json.getJsonObject("body"), object(mo.getBody()), name + ": the MMS body as JSON");
            } else {
                assertEquals(json.getString("body"), mo.getBody(), name);
            }
            assertEquals(json.getString("udh", null), mo.getUdh(), name);
        }
    }

    @Test
    void thePollerReadsTheSandboxsReportsAndInboundsAndAdvancesItsCheckpoints() throws Exception {
        LocalPort.learn(base.getPort()); // what makes SinchSettings point at this server's sandbox
        // No callbacks in this test: what arrives comes through the poller.
        assertEquals(200, sandbox("control/settings", "{\"callback_url\":null,\"dispatch_delay_ms\":0,\"delivery_delay_ms\":0,"
                + "\"messages_per_second\":0}").statusCode());
        try {
            SinchClient client = sinch.client().orElseThrow();
            String delivered = "+1555" + digits(7);
            String failing = "+1555" + digits(4) + "666"; // the sandbox fails numbers ending in 666 with 402
            Batch batch = client.batches().send(TextRequest.builder().to(delivered, failing).body("Your code is 1234")
                    .deliveryReport(ReportMode.NONE).clientReference("poll-test").build()); // no callback URL: no callbacks asked for
            long ok = seed(batch.id(), delivered, MessageState.SENT);
            long ko = seed(batch.id(), failing, MessageState.SENT);
            HttpResponse<String> mo = sandbox("control/inbounds", "{\"from\":\"+15550007777\",\"body\":\"STOP\"}");
            assertEquals(201, mo.statusCode(), mo.body());
            String inboundId = field(mo.body(), "id");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                poller.pollNow();
                return messages.get(ok).getState().isFinal() && messages.get(ko).getState().isFinal();
            });
            assertEquals(MessageState.DELIVERED, messages.get(ok).getState());
            assertEquals(MessageState.FAILED, messages.get(ko).getState());
            assertEquals("Failed (402): Message unroutable", messages.get(ko).getReason());
            assertEquals(1, events(batch.id()).stream().filter(e -> e.recipient().equals(delivered)).count(),
                    "polled again and again, stored once");

            poller.pollNow();
            InboundMessage stop = inbounds.find(inboundId).orElseThrow();
            assertEquals("+15550007777", stop.getFrom());
            assertEquals("STOP", stop.getBody());
            Instant now = clock.instant();
            assertFalse(checkpoints.read(PollCheckpoints.Feed.DELIVERY_REPORTS).orElseThrow().isAfter(now));
            assertTrue(checkpoints.read(PollCheckpoints.Feed.DELIVERY_REPORTS).orElseThrow().isAfter(now.minusSeconds(60)));
            assertTrue(checkpoints.read(PollCheckpoints.Feed.INBOUNDS).orElseThrow().isAfter(now.minusSeconds(60)));
        } finally {
            assertEquals(204, sandbox("control/reset", "").statusCode());
        }
    }

    // ---- helpers ----

    private record Event(String recipient, String status, Integer count, boolean orphan) {
    }

    /** The vectors whose top-level {@code type} starts with one of these (list pages and requests have none of them). */
    private static List<String> vectors(SinchVectors vectors, String... typePrefixes) {
        return vectors.names().stream().filter(name -> object(vectors.read(name)).get("type") instanceof JsonString type
                && Stream.of(typePrefixes).anyMatch(type.getString()::startsWith)).toList();
    }

    private static JsonObject object(String json) {
        return SinchJson.tree(json).asJsonObject();
    }

    private static String report(String batch, String phone, String status, int code, String at) {
        return "{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"" + batch + "\",\"recipient\":\"" + phone.substring(1)
                + "\",\"code\":" + code + ",\"status\":\"" + status + "\",\"at\":\"" + at + "\",\"operator_status_at\":\"" + at
                + "\",\"client_reference\":\"ref\",\"encoding\":\"GSM\",\"number_of_message_parts\":1}";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, sign(body, clock.instant().getEpochSecond()));
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        return http.send(request(body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/webhooks/sinch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }

    /** Signed as Sinch signs, with the secret both containers are started with. */
    private Map<String, String> sign(String body, long timestamp) {
        String secret = System.getProperty("SMS_SINCH_WEBHOOK_SECRET");
        assertNotNull(secret, "SMS_SINCH_WEBHOOK_SECRET is set in arquillian.xml");
        return WebhookSignature.of(secret, clock).signedHeaders(body.getBytes(StandardCharsets.UTF_8), nonce(), timestamp);
    }

    private HttpResponse<String> sandbox(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "sandbox/" + path)).header("Authorization", "Bearer " + SANDBOX_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A message the release loop has sent: SENT (or SENDING) with its batch id. */
    private long seed(String batch, String phone, MessageState state) throws Exception {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into message (id, phone, kind, body, state, due_at, expire_at, attempts, solo,"
                     + " client_reference, batch_id, sent_at, created_at) values (nextval('message_seq'), ?, 'DIRECT', 'hello', ?, ?, ?, 1, true,"
                     + " 'test', ?, ?, ?)")) {
            ps.setString(1, phone);
            ps.setString(2, state.name());
            ps.setObject(3, now);
            ps.setObject(4, now.plusDays(3));
            ps.setString(5, batch);
            ps.setObject(6, state == MessageState.SENT ? now : null);
            ps.setObject(7, now);
            ps.executeUpdate();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id from message where batch_id = ? and phone = ?")) {
            ps.setString(1, batch);
            ps.setString(2, phone);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private List<Event> events(String batch) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select recipient, status, status_count, orphan from delivery_event where batch_id = ? order by id")) {
            ps.setString(1, batch);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getBoolean(4)));
                }
            }
            return events;
        }
    }

    private long count(String table) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** A Sinch-like id: 26 letters and digits. */
    private static String batchId() {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder("01T");
        for (int i = 0; i < 23; i++) {
            id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String nonce() {
        return batchId();
    }

    private static String phone() {
        return "+4474" + digits(8);
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }
}
