package org.smsconsole.web.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sinch failing, for real: the sandbox runs in its own JVM ({@code SMS_SANDBOX_ONLY}) and keeps count while
 * the console, on PostgreSQL, meets 503 and 429 windows, is killed between Sinch accepting a batch and
 * storing its id, and is refused its credentials (401). Every message must reach Sinch exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseFaultsIT {

    private static final String PASSWORD = "faults admin password";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ConsoleProcess sandbox;
    private ConsoleProcess console;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir", "target/system-tests"));
        sandbox = new ConsoleProcess(work.resolve("faults-sandbox"), Map.of(
                "SMS_SANDBOX_ONLY", "true",
                // Alone, the sandbox's credentials are what its client (the console below) is told, and its control API's key.
                "SMS_SANDBOX_SERVICE_PLAN_ID", "sandbox-service-plan",
                "SMS_SANDBOX_API_TOKEN", "sandbox-api-token",
                "SMS_SANDBOX_MESSAGES_PER_SECOND", "0",
                "SMS_SANDBOX_DISPATCH_DELAY_MS", "0",
                "SMS_SANDBOX_DELIVERY_DELAY_MS", "100")).start();
        String schema = "sms_faults_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        console = new ConsoleProcess(work.resolve("faults-console"), Map.of(
                "SMS_ADMIN_PASSWORD", PASSWORD,
                "SMS_DEFAULT_COUNTRY", "GB",
                "SMS_DB_URL", System.getProperty("sms.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres") + "?currentSchema=" + schema,
                "SMS_DB_USER", "postgres",
                "SMS_DB_PASSWORD", "postgres",
                "SMS_SINCH_BASE_URL", sandbox.url("/sandbox").toString(),
                "SMS_SINCH_SERVICE_PLAN_ID", "sandbox-service-plan",
                "SMS_SINCH_API_TOKEN", "sandbox-api-token",
                "SMS_SEND_RATE", "0",
                "SMS_RELEASE_INTERVAL_MS", "300"));
        // Reports come back to the console: it is the sandbox's default callback address, and the batches' own.
        console = withPublicUrl(console);
        console.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (console != null) {
            console.stop();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    @Order(1)
    void a503WindowShorterThanTheRetryBudgetEndsWithEveryMessageSentOnce() throws Exception {
        List<String> phones = audience(12);
        long faultsBefore = sandboxEvent("faults_injected");
        patchSandbox("{\"fault_status\":503,\"fault_next_requests\":3}");
        long campaign = campaignTo(phones);
        awaitReleased(campaign, phones.size());
        assertEquals(faultsBefore + 3, sandboxEvent("faults_injected"), "the window was met");
        awaitEachReachedOnce(phones);
        assertEquals(0, counts(campaign).getInt("failed"));
    }

    @Test
    @Order(2)
    void a429WindowIsRetriedAfterABackoffAndEveryMessageIsSentOnce() throws Exception {
        List<String> phones = audience(12);
        long faultsBefore = sandboxEvent("faults_injected");
        patchSandbox("{\"fault_status\":429,\"fault_next_requests\":3}");
        long campaign = campaignTo(phones);
        awaitReleased(campaign, phones.size());
        assertEquals(faultsBefore + 3, sandboxEvent("faults_injected"));
        awaitEachReachedOnce(phones);
    }

    @Test
    @Order(3)
    void killedAfterSinchAcceptedABatchAndBeforeItsIdWasStoredTheRestartReconcilesWithoutADuplicate() throws Exception {
        List<String> phones = audience(15);
        long accepted = sandboxEvent("batches_accepted");
        // Sinch stores the batch, then takes a minute to answer: the console dies while it waits.
        patchSandbox("{\"send_answer_delay_ms\":60000}");
        long campaign = campaignTo(phones);
        await().atMost(WAIT).until(() -> sandboxEvent("batches_accepted") == accepted + 1);
        console.kill();
        patchSandbox("{\"send_answer_delay_ms\":0}");

        console.start();
        JsonObject sending = counts(campaign);
        assertEquals(phones.size(), sending.getInt("sending"), "left SENDING by the crash: " + sending);
        awaitReleased(campaign, phones.size());
        assertEquals(accepted + 1, sandboxEvent("batches_accepted"), "reconciled by client_reference, not sent again");
        awaitEachReachedOnce(phones);
        JsonObject page = json(send("GET", "/api/campaigns/" + campaign + "/messages?page_size=100", null));
        assertEquals(phones.size(), page.getJsonArray("messages").size());
        for (var item : page.getJsonArray("messages")) {
            assertTrue(((JsonObject) item).containsKey("batch_id"), "the batch id was found and stored: " + item);
        }
    }

    @Test
    @Order(4)
    void a401HaltsSendingWithTheReasonFailsNothingAndAProbeResumesIt() throws Exception {
        List<String> phones = audience(8);
        patchSandbox("{\"fault_status\":401,\"fault_next_requests\":15}");
        long campaign = campaignTo(phones);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> json(send("GET", "/api/sending", null)).getBoolean("halted"));
        JsonObject halted = json(send("GET", "/api/sending", null));
        assertTrue(halted.getString("reason").contains("401"), halted.toString());
        assertEquals(0, counts(campaign).getInt("failed"), "an account error fails no message");

        await().atMost(WAIT).until(() -> !json(send("GET", "/api/sending", null)).getBoolean("halted"));
        awaitReleased(campaign, phones.size());
        awaitEachReachedOnce(phones);
        assertEquals(0, counts(campaign).getInt("failed"));
    }

    // ---- helpers ----

    private ConsoleProcess withPublicUrl(ConsoleProcess c) throws Exception {
        // The port is chosen when the process object is made; SMS_PUBLIC_URL must name it.
        Map<String, String> env = new java.util.HashMap<>(c.environment());
        env.put("SMS_PUBLIC_URL", c.url("").toString());
        return c.withEnvironment(env);
    }

    private List<String> audience(int n) throws Exception {
        List<String> phones = new ArrayList<>();
        int base = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        for (int i = 0; i < n; i++) {
            String phone = "+447400" + (base + i);
            HttpResponse<String> r = send("POST", "/api/contacts", "{\"phone\":\"" + phone + "\",\"name\":\"Fault " + i + "\"}");
            assertEquals(201, r.statusCode(), r.body());
            phones.add(phone);
        }
        return phones;
    }

    private long campaignTo(List<String> phones) throws Exception {
        HttpResponse<String> group = send("POST", "/api/groups", "{\"name\":\"faults " + System.nanoTime() + "\"}");
        assertEquals(201, group.statusCode(), group.body());
        long groupId = json(group).getJsonNumber("id").longValue();
        StringBuilder list = new StringBuilder();
        for (String p : phones) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(p).append('"');
        }
        assertEquals(200, send("POST", "/api/groups/" + groupId + "/members", "{\"phones\":[" + list + "]}").statusCode());
        HttpResponse<String> created = send("POST", "/api/campaigns", "{\"name\":\"faults " + System.nanoTime()
                + "\",\"body\":\"Hello ${name}\",\"group_ids\":[" + groupId + "]}");
        assertEquals(201, created.statusCode(), created.body());
        long id = json(created).getJsonNumber("id").longValue();
        HttpResponse<String> scheduled = send("POST", "/api/campaigns/" + id + "/schedule", null);
        assertEquals(200, scheduled.statusCode(), scheduled.body());
        return id;
    }

    private void awaitReleased(long campaign, int n) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonObject c = counts(campaign);
            return c.getInt("sent") + c.getInt("delivered") == n;
        });
    }

    private void awaitEachReachedOnce(List<String> phones) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonObject per = sandboxCounters().getJsonObject("messages_per_recipient");
            for (String p : phones) {
                String digits = p.substring(1);
                assertTrue(per.containsKey(digits), "reached " + p);
                assertEquals(1, per.getJsonNumber(digits).longValue(), "exactly once: " + p);
            }
        });
    }

    private JsonObject counts(long campaign) throws Exception {
        HttpResponse<String> r = send("GET", "/api/campaigns/" + campaign, null);
        assertEquals(200, r.statusCode(), r.body());
        return json(r).getJsonObject("counts");
    }

    private void patchSandbox(String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sandbox.url("/sandbox/control/settings"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer sandbox-api-token").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private JsonObject sandboxCounters() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sandbox.url("/sandbox/control/counters"))
                .header("Authorization", "Bearer sandbox-api-token").build(), HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private long sandboxEvent(String name) throws Exception {
        JsonObject events = sandboxCounters().getJsonObject("events");
        return events.containsKey(name) ? events.getJsonNumber(name).longValue() : 0;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
