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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sinch failing, for real, over HTTP: a strict stand-in for Sinch ({@link StrictSinch}, in this JVM) counts every
 * message per recipient and per rolling second while the console, on PostgreSQL, meets 503 and 429 windows, is
 * killed between Sinch accepting a batch and storing its id, is refused its credentials (401), has batches applied
 * and their connections dropped, applied only after it gave up, answered only after it gave up, one request hanging,
 * and shares its plan rate with a second instance. Every message must reach Sinch exactly once, and no second
 * above the plan rate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseFaultsIT {

    private static final String PASSWORD = "faults admin password";
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int PLAN_RATE = 400;
    /** The console's read timeout: Sinch's late applications and answers come after it. */
    private static final int READ_TIMEOUT_MS = 3000;
    private static final int LATE_MS = 6000;
    private static final int CAMPAIGN = 5000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private StrictSinch sinch;
    private ConsoleProcess console;
    private Map<String, String> environment;

    @BeforeAll
    void start() throws Exception {
        sinch = new StrictSinch();
        Path work = Path.of(System.getProperty("work.dir", "target/system-tests"));
        String schema = "sms_faults_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        environment = new HashMap<>(Map.ofEntries(
                Map.entry("SMS_ADMIN_PASSWORD", PASSWORD),
                Map.entry("SMS_DEFAULT_COUNTRY", "GB"),
                Map.entry("SMS_DB_URL", System.getProperty("sms.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres") + "?currentSchema=" + schema),
                Map.entry("SMS_DB_USER", "postgres"),
                Map.entry("SMS_DB_PASSWORD", "postgres"),
                Map.entry("SMS_SINCH_BASE_URL", sinch.baseUrl()),
                Map.entry("SMS_SINCH_SERVICE_PLAN_ID", "faults-plan"),
                Map.entry("SMS_SINCH_API_TOKEN", "faults-token"),
                Map.entry("SMS_SINCH_CONNECT_TIMEOUT_MS", "1000"),
                Map.entry("SMS_SINCH_READ_TIMEOUT_MS", String.valueOf(READ_TIMEOUT_MS)),
                Map.entry("SMS_RELEASE_LEASE_SECONDS", "30"),
                Map.entry("SMS_RELEASE_SLICE", "100"),
                Map.entry("SMS_REPORT_POLL_SECONDS", "0"),
                Map.entry("SMS_SEND_RATE", String.valueOf(PLAN_RATE)),
                Map.entry("SMS_RELEASE_INTERVAL_MS", "300"),
                Map.entry("SMS_INSTANCE_ID", "faults-a")));
        console = new ConsoleProcess(work.resolve("faults-console"), environment).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (console != null) {
            console.stop();
        }
        if (sinch != null) {
            sinch.close();
        }
    }

    @Test
    @Order(1)
    void a503WindowEndsWithEveryMessageSentOnceAfterItsDoubtWindow() throws Exception {
        List<String> phones = audience(12);
        sinch.refuseNext(3, 503); // maybe applied for all the console can tell: looked up until the lease ends, then sent
        long campaign = campaignTo(phones);
        awaitReleased(campaign, phones.size());
        awaitEachReachedOnce(phones);
        assertEquals(0, counts(campaign).getInt("failed"));
    }

    @Test
    @Order(2)
    void a429WindowIsRetriedAfterABackoffAndEveryMessageIsSentOnce() throws Exception {
        List<String> phones = audience(12);
        sinch.refuseNext(3, 429);
        long campaign = campaignTo(phones);
        awaitReleased(campaign, phones.size());
        awaitEachReachedOnce(phones);
    }

    @Test
    @Order(3)
    void killedAfterSinchAcceptedABatchAndBeforeItsIdWasStoredTheRestartLooksItUpAtOnceWithoutADuplicate() throws Exception {
        List<String> phones = audience(15);
        int applied = sinch.batchesApplied();
        int from = sinch.postsSoFar();
        // Sinch stores the batch, then takes a minute to answer: the console dies while it waits.
        sinch.fates(n -> n == from + 1 ? new StrictSinch.AnswerLate(60_000) : new StrictSinch.Answer());
        long campaign = campaignTo(phones);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> sinch.batchesApplied() == applied + 1);
        console.kill();
        sinch.fates(n -> new StrictSinch.Answer());

        console.start();
        awaitReleased(campaign, phones.size());
        assertEquals(applied + 1, sinch.batchesApplied(), "reconciled by client_reference, not sent again");
        awaitEachReachedOnce(phones);
        // The restarted instance knew its earlier claims had no sender: it looked them up at once, not after the lease.
        assertTrue(console.log().contains("messages claimed by this instance (faults-a) before it restarted: looked up at Sinch now"));
        JsonObject page = json(send("GET", "/api/campaigns/" + campaign + "/messages?page_size=100", null));
        for (var item : page.getJsonArray("messages")) {
            assertTrue(((JsonObject) item).containsKey("batch_id"), "the batch id was found and stored: " + item);
        }
    }

    @Test
    @Order(4)
    void a401HaltsSendingWithTheReasonFailsNothingAndAProbeResumesIt() throws Exception {
        List<String> phones = audience(8);
        sinch.refuseNext(15, 401);
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

    @Test
    @Order(5)
    void batchesAppliedAndThenDroppedWithoutAnAnswerAreRecordedOnceAndNeverSentAgain() throws Exception {
        // What the JDK's HttpURLConnection answered by POSTing again: 1,750 of 5,000 got two.
        faultyCampaign(n -> n % 3 == 0 ? new StrictSinch.Drop() : new StrictSinch.Answer());
    }

    @Test
    @Order(6)
    void batchesAppliedOnlyAfterTheConsoleGaveUpAreFoundAndNeverSentAgain() throws Exception {
        // Sinch takes the request, the console's read timeout passes, the batch appears 3 s after that.
        faultyCampaign(n -> n % 3 == 0 ? new StrictSinch.ApplyLate(LATE_MS) : new StrictSinch.Answer());
    }

    @Test
    @Order(7)
    void batchesAppliedAndAnsweredAfterTheConsoleGaveUpAreFoundAndNeverSentAgain() throws Exception {
        faultyCampaign(n -> n % 3 == 0 ? new StrictSinch.AnswerLate(LATE_MS) : new StrictSinch.Answer());
    }

    @Test
    @Order(8)
    void whileOneRequestHangsTheRestOfTheCampaignLeavesAtThePlanRate() throws Exception {
        int from = sinch.postsSoFar();
        List<String> phones = bulkAudience(CAMPAIGN);
        // The fifth request of the campaign hangs and is never applied: its rows are sent again after their lease.
        sinch.fates(n -> n == from + 5 ? new StrictSinch.Hang() : new StrictSinch.Answer());
        long campaign = campaignTo(phones);
        awaitReleased(campaign, phones.size());
        awaitEachReachedOnce(phones);
        assertEquals(1, sinch.hangs().size());
        long hung = sinch.hangs().get(0);
        // While it waited for its timeout, the others kept going: more than a plan-second's worth arrived meanwhile.
        long meanwhile = sinch.arrivals().stream().filter(a -> a.atMs() > hung && a.atMs() < hung + READ_TIMEOUT_MS)
                .filter(a -> a.fate() instanceof StrictSinch.Answer).mapToLong(StrictSinch.Arrival::messages).sum();
        System.out.println("ReleaseFaultsIT: " + meanwhile + " messages arrived while one request hung for " + READ_TIMEOUT_MS + " ms");
        assertTrue(meanwhile >= PLAN_RATE, "sent while one request hung for " + READ_TIMEOUT_MS + " ms: " + meanwhile);
        assertNoSecondAboveThePlanRate(from);
    }

    @Test
    @Order(9)
    void oneInstanceNeverSendsMoreThanThePlanRateInAnyRollingSecond() throws Exception {
        int from = sinch.postsSoFar();
        sinch.fates(n -> new StrictSinch.Answer());
        List<String> phones = bulkAudience(4000);
        long campaign = campaignTo(phones);
        awaitReleased(campaign, phones.size());
        awaitEachReachedOnce(phones);
        assertNoSecondAboveThePlanRate(from);
    }

    @Test
    @Order(10)
    void twoInstancesSharingThePlanRateNeverSendMoreThanItInAnyRollingSecond() throws Exception {
        Map<String, String> second = new HashMap<>(environment);
        second.put("SMS_INSTANCE_ID", "faults-b");
        try (ConsoleProcess other = new ConsoleProcess(Path.of(System.getProperty("work.dir", "target/system-tests"))
                .resolve("faults-console-b"), second).start()) {
            int from = sinch.postsSoFar();
            List<String> phones = bulkAudience(8000);
            long campaign = campaignTo(phones);
            awaitReleased(campaign, phones.size());
            awaitEachReachedOnce(phones);
            assertNoSecondAboveThePlanRate(from);
            assertEquals(List.of("faults-a", "faults-b"), claimers(campaign), "both instances released the campaign");
        }
    }

    // ---- helpers ----

    /** The instances that claimed the campaign's messages (read from the database both share). */
    private List<String> claimers(long campaign) throws Exception {
        List<String> names = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(environment.get("SMS_DB_URL"), "postgres", "postgres");
             java.sql.PreparedStatement ps = c.prepareStatement("select distinct claimed_by from message where campaign_id = ? order by 1")) {
            ps.setLong(1, campaign);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** A 5,000-recipient campaign whose every third request meets {@code fate}: each recipient exactly once, none lost. */
    private void faultyCampaign(java.util.function.IntFunction<StrictSinch.Fate> fate) throws Exception {
        int from = sinch.postsSoFar();
        List<String> phones = bulkAudience(CAMPAIGN);
        sinch.fates(n -> n <= from ? new StrictSinch.Answer() : fate.apply(n - from));
        long campaign = campaignTo(phones);
        awaitReleased(campaign, phones.size());
        awaitEachReachedOnce(phones);
        JsonObject counts = counts(campaign);
        assertEquals(phones.size(), counts.getInt("sent"), "every message accounted for as sent: " + counts);
        long faulted = sinch.arrivals().stream().skip(from).filter(a -> !(a.fate() instanceof StrictSinch.Answer)).count();
        assertTrue(faulted >= 10, "a share of the sends met the fault: " + faulted);
        System.out.println("ReleaseFaultsIT: " + faulted + " of " + (sinch.postsSoFar() - from) + " requests met the fault; "
                + phones.size() + " recipients each once, " + counts.getInt("sent") + " sent");
        sinch.fates(n -> new StrictSinch.Answer());
        assertNoSecondAboveThePlanRate(from);
    }

    private void assertNoSecondAboveThePlanRate(int fromPost) {
        List<StrictSinch.Arrival> arrivals = sinch.arrivals().subList(fromPost, sinch.arrivals().size());
        long most = StrictSinch.mostInAnyWindow(arrivals, 1000);
        System.out.println("ReleaseFaultsIT: " + arrivals.stream().mapToLong(StrictSinch.Arrival::messages).sum() + " messages in "
                + arrivals.size() + " requests; the most in any rolling second: " + most + " (plan rate " + PLAN_RATE + ")");
        assertTrue(most <= PLAN_RATE, "at most " + PLAN_RATE + " messages arrived in any rolling second: " + most);
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

    /** {@code n} new contacts in a group of their own, imported from one CSV. */
    private List<String> bulkAudience(int n) throws Exception {
        HttpResponse<String> group = send("POST", "/api/groups", "{\"name\":\"bulk " + System.nanoTime() + "\"}");
        assertEquals(201, group.statusCode(), group.body());
        lastGroup = json(group).getJsonNumber("id").longValue();
        List<String> phones = new ArrayList<>();
        StringBuilder csv = new StringBuilder("phone,name\n");
        String prefix = "+44745" + bulkCalls++; // a million numbers of its own for each bulk audience of this run
        for (int i = 0; i < n; i++) {
            String phone = prefix + String.format("%06d", i);
            phones.add(phone);
            csv.append(phone).append(",Bulk ").append(i).append('\n');
        }
        HttpResponse<String> job = send("POST", "/api/contacts/import?group_id=" + lastGroup, "text/csv", csv.toString());
        assertEquals(202, job.statusCode(), job.body());
        long jobId = json(job).getJsonNumber("id").longValue();
        await().atMost(WAIT).until(() -> json(send("GET", "/api/jobs/" + jobId, null)).getString("state").equals("done"));
        JsonObject done = json(send("GET", "/api/jobs/" + jobId, null));
        assertEquals(n, done.getInt("created"), done.toString());
        return phones;
    }

    private long lastGroup;
    private int bulkCalls;

    private long campaignTo(List<String> phones) throws Exception {
        long groupId;
        if (phones.size() > 100) {
            groupId = lastGroup;
        } else {
            HttpResponse<String> group = send("POST", "/api/groups", "{\"name\":\"faults " + System.nanoTime() + "\"}");
            assertEquals(201, group.statusCode(), group.body());
            groupId = json(group).getJsonNumber("id").longValue();
            StringBuilder list = new StringBuilder();
            for (String p : phones) {
                list.append(list.length() == 0 ? "" : ",").append('"').append(p).append('"');
            }
            assertEquals(200, send("POST", "/api/groups/" + groupId + "/members", "{\"phones\":[" + list + "]}").statusCode());
        }
        HttpResponse<String> created = send("POST", "/api/campaigns", "{\"name\":\"faults " + System.nanoTime()
                + "\",\"body\":\"Hello ${name}\",\"group_ids\":[" + groupId + "]}");
        assertEquals(201, created.statusCode(), created.body());
        long id = json(created).getJsonNumber("id").longValue();
        HttpResponse<String> scheduled = send("POST", "/api/campaigns/" + id + "/schedule", null);
        assertEquals(200, scheduled.statusCode(), scheduled.body());
        assertEquals(phones.size(), json(scheduled).getJsonObject("counts").getInt("queued"), scheduled.body());
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
            for (String p : phones) {
                assertEquals(1, sinch.messagesTo(p), "exactly once: " + p);
            }
        });
    }

    private JsonObject counts(long campaign) throws Exception {
        HttpResponse<String> r = send("GET", "/api/campaigns/" + campaign, null);
        assertEquals(200, r.statusCode(), r.body());
        return json(r).getJsonObject("counts");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, "application/json", body);
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
