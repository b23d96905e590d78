package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.apikey.ApiKeys;
import org.smsconsole.config.DataDirectory;
import org.smsconsole.config.SecretsAtRest;
import org.smsconsole.config.Setting;
import org.smsconsole.config.StoredSettings;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.inbound.Inbounds;
import org.smsconsole.message.DeliveryReceipts;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.inbound.Inbound;
import org.smsconsole.sinch.report.RecipientDeliveryReport;
import org.smsconsole.sinch.webhook.WebhookParser;
import org.smsconsole.user.Role;
import org.smsconsole.validation.ConflictException;
import org.smsconsole.webhook.EventSignature;
import org.smsconsole.webhook.WebhookDelivery;
import org.smsconsole.webhook.WebhookEventType;
import org.smsconsole.webhook.WebhookSubscriptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outgoing webhooks in the container: events recorded in the transaction of their change (a rolled-back change
 * and a repeated report or MO publish nothing), sent signed by the dispatcher to a real HTTP receiver on loopback,
 * retried with backoff on the console's clock, failed after 24 hours and retried on request, a dead endpoint not holding up a live one, and the subscriptions
 * API with its refusals. Addresses inside the network are refused when saved and again when sent (the receivers here
 * are on 127.0.0.1, which each test allows as an admin would, on the Settings screen). Secrets at rest: signing
 * secrets and Sinch secrets sealed in the database, old plain rows sealed at start, the data folder owner-only and
 * the embedded database's password no longer the unresolved configuration text. Runs on H2 and PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class WebhooksPersistenceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.console();
    }

    @Inject
    WebhookSubscriptions subscriptions;

    @Inject
    Contacts contacts;

    @Inject
    DeliveryReceipts receipts;

    @Inject
    Inbounds inbounds;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Clock clock;

    @Inject
    UserTransaction transaction;

    /** The test runner's own request: it tells where this server listens. */
    @Inject
    HttpServletRequest runnerRequest;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    StoredSettings settings;

    @Inject
    SecretsAtRest secretsAtRest;

    private final List<Long> made = new ArrayList<>();
    private final List<AutoCloseable> receivers = new ArrayList<>();

    /** The receivers listen on 127.0.0.1: inside, so an admin allows that host (as the Settings screen stores it). */
    @BeforeEach
    void allowTheLoopbackReceivers() {
        settings.save(Map.of(Setting.WEBHOOK_ALLOWED_HOSTS, "127.0.0.1"));
    }

    @AfterEach
    void removeSubscriptionsAndReceivers() throws Exception {
        TestClock.resume();
        settings.save(Map.of(Setting.WEBHOOK_ALLOWED_HOSTS, ""));
        for (Long id : made) {
            try {
                subscriptions.remove(id);
            } catch (RuntimeException e) {
                // removed by the test itself
            }
        }
        for (AutoCloseable r : receivers) {
            r.close();
        }
    }

    @Test
    void anOptOutReachesTheReceiverSignedWithTheSubscriptionsSecret() throws Exception {
        HookReceiver receiver = receiver();
        WebhookSubscriptions.WithSecret sub = subscribe(receiver, WebhookEventType.CONTACT_OPTED_OUT);
        assertTrue(sub.secret().startsWith("whsec_") && sub.secret().length() == 38, sub.secret());
        ContactView ada = contacts.add("Ada", phone());

        contacts.consent(ada.id(), Consent.OPTED_OUT, "api", "asked by phone");

        await().atMost(PATIENCE).until(() -> receiver.received().size() == 1);
        HookReceiver.Received hook = receiver.received().get(0);
        JsonObject event = SinchJson.tree(hook.body()).asJsonObject();
        assertEquals("contact.opted_out", event.getString("type"));
        assertEquals(hook.header("X-Webhook-Id"), event.getString("id"));
        assertTrue(event.getString("id").startsWith("evt_"), event.toString());
        JsonObject data = event.getJsonObject("data");
        assertEquals(ada.id(), data.getJsonNumber("contact_id").longValue());
        assertEquals(ada.phone(), data.getString("phone"));
        assertEquals("opted_out", data.getString("consent"));
        assertEquals("api", data.getString("source"));
        assertEquals("asked by phone", data.getString("reason"));
        assertEquals("application/json", hook.header("Content-Type"));

        // The receiver's check, written here without the console's code: HMAC-SHA256(secret, timestamp + "." + body).
        String timestamp = hook.header("X-Webhook-Timestamp");
        long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        assertTrue(age >= 0 && age < 60, "timestamp " + timestamp);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sub.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + hook.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, hook.header("X-Webhook-Signature"));
        assertTrue(EventSignature.verify(sub.secret(), timestamp, hook.body(), hook.header("X-Webhook-Signature")));
        assertFalse(EventSignature.verify(sub.secret(), timestamp, hook.body().replace("opted_out", "subscribed"),
                hook.header("X-Webhook-Signature")), "a changed body does not verify");

        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(delivery(event.getString("id"), sub.subscription().getId()).state()));
        Delivery d = delivery(event.getString("id"), sub.subscription().getId());
        assertEquals(1, d.attempts());
        assertEquals(200, d.lastStatus());

        // Back in: contact.opted_in is another event, which this subscription did not ask for.
        contacts.consent(ada.id(), Consent.SUBSCRIBED, "api", null);
        assertEquals(0, eventsAbout("contact.opted_in", "\"contact_id\":" + ada.id() + ","), "wanted by nobody: not recorded");
    }

    @Test
    void aReceiverAnswering500TwiceGetsTheEventOnTheThirdAttemptAfterBackoff() throws Exception {
        HookReceiver receiver = receiver();
        receiver.answerNext(500, 500);
        WebhookSubscriptions.WithSecret sub = subscribe(receiver, WebhookEventType.INBOUND_RECEIVED);
        TestClock.stop();
        Instant start = clock.instant();
        String eventId = subscriptions.sendTest(sub.subscription().getId());

        await().atMost(PATIENCE).until(() -> delivery(eventId, sub.subscription().getId()).attempts() == 1
                && "PENDING".equals(delivery(eventId, sub.subscription().getId()).state()));
        Delivery first = delivery(eventId, sub.subscription().getId());
        assertEquals(500, first.lastStatus());
        assertBetween(start.plusMillis(7500), start.plusSeconds(10), first.nextAttemptAt());
        assertEquals(1, receiver.received().size(), "nothing before the next attempt is due (the clock stands still)");

        TestClock.advance(Duration.ofSeconds(10));
        Instant second = clock.instant();
        await().atMost(PATIENCE).until(() -> delivery(eventId, sub.subscription().getId()).attempts() == 2
                && "PENDING".equals(delivery(eventId, sub.subscription().getId()).state()));
        assertBetween(second.plusSeconds(15), second.plusSeconds(20), delivery(eventId, sub.subscription().getId()).nextAttemptAt());

        TestClock.advance(Duration.ofSeconds(20));
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(delivery(eventId, sub.subscription().getId()).state()));
        Delivery done = delivery(eventId, sub.subscription().getId());
        assertEquals(3, done.attempts());
        assertEquals(200, done.lastStatus());
        assertNull(done.lastError());
        List<HookReceiver.Received> got = receiver.received();
        assertEquals(List.of(500, 500, 200), got.stream().map(HookReceiver.Received::answeredWith).toList());
        assertEquals(1, got.stream().map(HookReceiver.Received::body).distinct().count(), "the same event each time");
        assertTrue(got.stream().allMatch(r -> eventId.equals(r.header("X-Webhook-Id"))));
        assertEquals("webhook.test", SinchJson.tree(got.get(0).body()).asJsonObject().getString("type"));
    }

    @Test
    void aDeliveryFailsAfter24HoursAndRetryNowMakesOneMoreAttempt() throws Exception {
        HookReceiver receiver = receiver();
        receiver.answerNext(503, 503);
        long id = subscribe(receiver, WebhookEventType.INBOUND_RECEIVED).subscription().getId();
        TestClock.stop();
        String eventId = subscriptions.sendTest(id);
        await().atMost(PATIENCE).until(() -> delivery(eventId, id).attempts() == 1 && "PENDING".equals(delivery(eventId, id).state()));

        TestClock.advance(Duration.ofHours(25)); // past the 24 hours: the next failure is the last
        await().atMost(PATIENCE).until(() -> "FAILED".equals(delivery(eventId, id).state()));
        assertEquals(2, delivery(eventId, id).attempts());
        assertEquals(503, delivery(eventId, id).lastStatus());
        WebhookDelivery failed = subscriptions.deliveries(id, 10).get(0);
        assertEquals(eventId, failed.eventId());
        assertNull(failed.getNextAttempt(), "no attempt is planned for a failed delivery");
        assertEquals("HTTP 503", failed.getOutcome());

        assertEquals("PENDING", subscriptions.retryNow(failed.id()).state());
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(delivery(eventId, id).state()));
        assertEquals(3, delivery(eventId, id).attempts());
        assertEquals(List.of(503, 503, 200), receiver.received().stream().map(HookReceiver.Received::answeredWith).toList());
        assertThrows(ConflictException.class, () -> subscriptions.retryNow(failed.id()), "a delivered event is not sent again");
    }

    @Test
    void aChangeThatRollsBackPublishesNothing() throws Exception {
        HookReceiver receiver = receiver();
        subscribe(receiver, WebhookEventType.CONTACT_OPTED_OUT);
        ContactView rolledBack = contacts.add("Rolled back", phone());
        ContactView committed = contacts.add("Committed", phone());

        transaction.begin();
        try {
            contacts.consent(rolledBack.id(), Consent.OPTED_OUT, "api", null);
            assertEquals(1, ((Number) em.createNativeQuery("select count(*) from webhook_event where payload like ?1")
                    .setParameter(1, "%\"contact_id\":" + rolledBack.id() + ",%").getSingleResult()).intValue(), "written inside the transaction");
        } finally {
            transaction.rollback();
        }
        contacts.consent(committed.id(), Consent.OPTED_OUT, "api", null);

        await().atMost(PATIENCE).until(() -> receiver.received().size() >= 1);
        assertEquals(0, eventsAbout("contact.opted_out", "\"contact_id\":" + rolledBack.id() + ","));
        assertEquals(Consent.SUBSCRIBED, contacts.get(rolledBack.id()).consent());
        List<HookReceiver.Received> got = receiver.received();
        assertEquals(1, got.size(), "only the committed change: " + got);
        assertTrue(got.get(0).body().contains("\"contact_id\":" + committed.id() + ","), got.get(0).body());
    }

    @Test
    void aRepeatedDeliveryReportOrInboundMessagePublishesNothing() throws Exception {
        HookReceiver receiver = receiver();
        subscribe(receiver, WebhookEventType.MESSAGE_STATUS_CHANGED, WebhookEventType.INBOUND_RECEIVED);
        String batch = "01WH" + digits(22);
        String phone = phone();
        long message = seed(batch, phone);
        RecipientDeliveryReport delivered = report(batch, phone, "Delivered", 0, "2026-01-01T10:00:05Z");

        assertEquals(1, receipts.ingest(delivered).messagesChanged());
        assertEquals(0, receipts.ingest(delivered).stored(), "a repeated callback");
        assertEquals(0, receipts.ingest(report(batch, phone, "Dispatched", 401, "2026-01-01T10:00:02Z")).messagesChanged(),
                "a late report moves nothing");
        String moId = "01MO" + digits(22);
        Inbound mo = (Inbound) WebhookParser.parse("{\"type\":\"mo_text\",\"id\":\"" + moId + "\",\"from\":\"" + phone.substring(1)
                + "\",\"to\":\"12345\",\"body\":\"Hello there\",\"received_at\":\"2026-01-01T10:01:00Z\"}");
        assertTrue(inbounds.store(mo));
        assertFalse(inbounds.store(mo), "Sinch repeated the MO");

        await().atMost(PATIENCE).until(() -> receiver.received().size() >= 2);
        assertEquals(1, eventsAbout("message.status_changed", "\"message_id\":" + message + ","));
        assertEquals(1, eventsAbout("inbound.received", "\"sinch_id\":\"" + moId + "\""));
        List<JsonObject> got = receiver.received().stream().map(r -> SinchJson.tree(r.body()).asJsonObject()).toList();
        assertEquals(2, got.size(), got.toString());
        JsonObject status = got.stream().filter(e -> e.getString("type").equals("message.status_changed")).findFirst().orElseThrow();
        JsonObject data = status.getJsonObject("data");
        assertEquals(message, data.getJsonNumber("message_id").longValue());
        assertEquals(phone, data.getString("phone"));
        assertEquals("DELIVERED", data.getString("state"));
        assertEquals("Delivered", data.getString("delivery_status"));
        assertEquals(0, data.getInt("code"));
        assertEquals(batch, data.getString("batch_id"));
        assertEquals("2026-01-01T10:00:05.000Z", status.getString("occurred_at"));
        JsonObject inbound = got.stream().filter(e -> e.getString("type").equals("inbound.received")).findFirst().orElseThrow()
                .getJsonObject("data");
        assertEquals(phone, inbound.getString("from"));
        assertEquals("12345", inbound.getString("to"));
        assertEquals("Hello there", inbound.getString("text"));
        assertEquals("mo_text", inbound.getString("message_type"));
        assertTrue(inbound.getJsonNumber("inbound_id").longValue() > 0);
    }

    @Test
    void aDeadEndpointDoesNotHoldUpTheOthers() throws Exception {
        // Accepts connections and never answers: each request holds a sender until its time limit (10 s).
        try (ServerSocket dead = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!dead.isClosed()) {
                        accepted.add(dead.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long deadSub = subscriptions.create("http://127.0.0.1:" + dead.getLocalPort() + "/hooks", "dead", List.of(WebhookEventType.INBOUND_RECEIVED), true)
                    .subscription().getId();
            made.add(deadSub);
            for (int i = 0; i < 12; i++) {
                subscriptions.sendTest(deadSub);
            }
            HookReceiver live = receiver();
            WebhookSubscriptions.WithSecret liveSub = subscribe(live, WebhookEventType.INBOUND_RECEIVED);
            Instant asked = Instant.now();
            String eventId = subscriptions.sendTest(liveSub.subscription().getId());
            await().atMost(PATIENCE).until(() -> live.received().size() == 1);
            Duration took = Duration.between(asked, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "the live endpoint waited " + took + " behind the dead one");
            assertEquals(eventId, live.received().get(0).header("X-Webhook-Id"));
            await().atMost(PATIENCE).until(() -> accepted.size() >= 1);
            assertTrue(accepted.size() <= 4, "at most 4 requests in flight to one endpoint: " + accepted.size());

            // A port nobody listens on, and the silent one: the log must not tell them apart (no port scanning through it).
            int closedPort;
            try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = probe.getLocalPort();
            }
            long closedSub = subscriptions.create("http://127.0.0.1:" + closedPort + "/hooks", "closed", List.of(WebhookEventType.INBOUND_RECEIVED), true)
                    .subscription().getId();
            made.add(closedSub);
            String refusedEvent = subscriptions.sendTest(closedSub);
            await().atMost(PATIENCE).until(() -> delivery(refusedEvent, closedSub).attempts() == 1
                    && "PENDING".equals(delivery(refusedEvent, closedSub).state()));
            await().atMost(PATIENCE).until(() -> subscriptions.deliveries(deadSub, 20).stream().anyMatch(x -> x.lastError() != null));
            String silent = subscriptions.deliveries(deadSub, 20).stream().map(WebhookDelivery::lastError).filter(java.util.Objects::nonNull)
                    .findFirst().orElseThrow();
            assertEquals("Not delivered: no HTTP answer", delivery(refusedEvent, closedSub).lastError());
            assertEquals("Not delivered: no HTTP answer", silent, "no answer in time reads as a refused connection");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void addressesInsideTheNetworkAreRefusedWhenSavedNamingUrlAndNothingIsStored() throws Exception {
        String admin = "Bearer " + apiKeys.create("webhooks-it ssrf " + digits(6), Role.ADMIN, "arquillian").key();
        String before = send("GET", "", admin, null).body();
        int port = runnerRequest.getLocalPort();
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://localhost:" + port + "/api/health",
                "http://127.0.0.2:" + port + "/", "http://10.1.2.3/hooks", "http://172.16.5.4/hooks", "http://192.168.0.10/hooks",
                "http://100.64.0.1/hooks", "http://0.0.0.0:" + port + "/", "http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/",
                "http://[fd12:3456::1]/hooks", "http://[fe80::1]/hooks", "http://224.0.0.251/hooks", "https://[::]/hooks")) {
            HttpResponse<String> answer = send("POST", "", admin, "{\"url\":\"" + url + "\",\"events\":[\"inbound.received\"]}");
            assertEquals(400, answer.statusCode(), url + " -> " + answer.body());
            assertTrue(answer.body().contains("\"field\":\"url\""), url + " -> " + answer.body());
            assertTrue(answer.body().contains("may not reach inside"), url + " -> " + answer.body());
        }
        assertEquals(before, send("GET", "", admin, null).body(), "nothing was stored");

        // The screen's path (the service) refuses the same, and a saved subscription cannot be moved inside.
        org.smsconsole.validation.InvalidInputException e = assertThrows(org.smsconsole.validation.InvalidInputException.class,
                () -> subscriptions.create("http://169.254.169.254/", null, List.of(WebhookEventType.INBOUND_RECEIVED), true));
        assertEquals("url", e.field());
        HookReceiver receiver = receiver();
        long id = subscribe(receiver, WebhookEventType.INBOUND_RECEIVED).subscription().getId();
        assertThrows(org.smsconsole.validation.InvalidInputException.class,
                () -> subscriptions.change(id, "http://localhost:" + port + "/", null, List.of(WebhookEventType.INBOUND_RECEIVED), true));
        assertEquals(receiver.url(), subscriptions.get(id).getUrl());
    }

    @Test
    void anAddressNoLongerAllowedWhenTheEventIsSentIsRefusedThenAndNothingReachesIt() throws Exception {
        HookReceiver receiver = receiver();
        long id = subscribe(receiver, WebhookEventType.INBOUND_RECEIVED).subscription().getId();
        // What a DNS answer that turns inside after saving looks like to the dispatcher: the host is inside, not allowed.
        settings.save(Map.of(Setting.WEBHOOK_ALLOWED_HOSTS, ""));
        String eventId = subscriptions.sendTest(id);

        await().atMost(PATIENCE).until(() -> delivery(eventId, id).attempts() == 1 && "PENDING".equals(delivery(eventId, id).state()));
        Delivery refused = delivery(eventId, id);
        assertTrue(refused.lastError().startsWith("Not delivered: the address is not allowed"), refused.lastError());
        assertNull(refused.lastStatus(), "no HTTP status: no request was made");
        assertEquals(List.of(), receiver.received(), "no request left");
    }

    // ---- secrets at rest ----

    @Test
    void signingSecretsAreSealedInTheDatabaseAndOldPlainOnesAreSealedAtStart() throws Exception {
        HookReceiver receiver = receiver();
        WebhookSubscriptions.WithSecret sub = subscribe(receiver, WebhookEventType.INBOUND_RECEIVED);
        String stored = column("select secret from webhook_subscription where id = " + sub.subscription().getId());
        assertTrue(stored.startsWith("enc1:") && !stored.contains(sub.secret().substring(6)), stored);
        assertEquals("whsec_…" + sub.secret().substring(34), subscriptions.get(sub.subscription().getId()).getSecretHint());

        // A row as an older console wrote it: plain text. The start-up pass seals it; it still signs the same.
        String plain = "whsec_" + "P".repeat(28) + digits(4);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update webhook_subscription set secret = ? where id = ?")) {
            ps.setString(1, plain);
            ps.setLong(2, sub.subscription().getId());
            ps.executeUpdate();
        }
        assertTrue(secretsAtRest.sealPlaintext().sealed() >= 1);
        String resealed = column("select secret from webhook_subscription where id = " + sub.subscription().getId());
        assertTrue(resealed.startsWith("enc1:") && !resealed.contains("PPPP"), resealed);
        assertEquals(0, secretsAtRest.sealPlaintext().sealed(), "once sealed, left alone");
        String eventId = subscriptions.sendTest(sub.subscription().getId());
        await().atMost(PATIENCE).until(() -> receiver.received().size() == 1);
        HookReceiver.Received hook = receiver.received().get(0);
        assertEquals(eventId, hook.header("X-Webhook-Id"));
        assertTrue(EventSignature.verify(plain, hook.header("X-Webhook-Timestamp"), hook.body(), hook.header("X-Webhook-Signature")));
    }

    @Test
    void theDataFolderIsItsOwnersAloneAndTheEmbeddedDatabaseNoLongerOpensWithTheSharedText() throws Exception {
        java.nio.file.Path data = DataDirectory.path();
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(data)));
        String url = org.smsconsole.config.DatabaseSettings.current().url();
        boolean h2 = url.startsWith("jdbc:h2:file:");
        for (String name : h2 ? List.of("secrets.key", "sms.mv.db", "db-password") : List.of("secrets.key")) {
            java.nio.file.Path f = data.resolve(name);
            assertTrue(java.nio.file.Files.exists(f), f + " is beside the data");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(f)),
                    f.toString());
        }
        if (h2) {
            // The same database this server has open (H2 shares it within the JVM), asked for with each password.
            java.sql.Driver driver = new org.h2.Driver();
            java.util.Properties credentials = new java.util.Properties();
            credentials.setProperty("user", "sa");
            credentials.setProperty("password", "${MPCONFIG=sms.db.password}");
            java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, () -> driver.connect(url, credentials).close(),
                    "the text every installation shared does not open this database");
            assertEquals("28000", refused.getSQLState(), "refused for its password: " + refused);
            credentials.setProperty("password", java.nio.file.Files.readString(data.resolve("db-password")).strip());
            try (Connection c = driver.connect(url, credentials)) {
                assertTrue(c.isValid(2), "the generated one does");
            }
        }
    }

    /** Addresses that get requests are on loopback (port 9: nobody listens); the refused ones are never contacted. */
    @Test
    void theSubscriptionsApiAnswersAndRefusesBadInputWith400Problems() throws Exception {
        String admin = "Bearer " + apiKeys.create("webhooks-it admin " + digits(6), Role.ADMIN, "arquillian").key();
        String operator = "Bearer " + apiKeys.create("webhooks-it operator " + digits(6), Role.OPERATOR, "arquillian").key();
        String before = send("GET", "", admin, null).body();

        for (String[] bad : new String[][] {
                {"{\"url\":\"ftp://example.com/x\",\"events\":[\"inbound.received\"]}", "url"},
                {"{\"url\":\"not a url\",\"events\":[\"inbound.received\"]}", "url"},
                {"{\"url\":\"https://user:pw@example.com/x\",\"events\":[\"inbound.received\"]}", "url"},
                {"{\"events\":[\"inbound.received\"]}", "url"},
                {"{\"url\":\"https://example.com/x\"}", "events"},
                {"{\"url\":\"https://example.com/x\",\"events\":[\"message.sent\"]}", "events"},
                {"{\"url\":\"https://example.com/x\",\"events\":\"inbound.received\"}", "events"},
                {"{\"url\":\"https://example.com/x\",\"events\":[\"webhook.test\"]}", "events"},
                {"{\"url\":\"https://example.com/x\",\"events\":[\"inbound.received\"],\"enabled\":\"yes\"}", "enabled"},
                {"{\"url\":\"https://example.com/x\",\"events\":[\"inbound.received\"],\"secret\":\"mine\"}", "secret"},
                {"{\"url\":\"https://example.com/x\",\"events\":[\"inbound.received\"],\"description\":\"" + "d".repeat(501) + "\"}", "description"}}) {
            HttpResponse<String> answer = send("POST", "", admin, bad[0]);
            assertEquals(400, answer.statusCode(), bad[0] + " -> " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), bad[0]);
            assertTrue(answer.body().contains("\"field\":\"" + bad[1] + "\""), bad[0] + " -> " + answer.body());
        }
        HttpResponse<String> notJson = send("POST", "", admin, "{\"url\": ");
        assertEquals(400, notJson.statusCode());
        assertEquals("application/problem+json", notJson.headers().firstValue("Content-Type").orElse(""));
        assertEquals(403, send("POST", "", operator, "{\"url\":\"https://example.com/x\",\"events\":[\"inbound.received\"]}").statusCode());
        assertEquals(401, send("GET", "", null, null).statusCode());
        assertEquals(before, send("GET", "", admin, null).body(), "nothing was stored");

        HttpResponse<String> created = send("POST", "", admin,
                "{\"url\":\"http://127.0.0.1:9/hooks?token=abc\",\"description\":\"CRM\",\"events\":[\"contact.opted_out\",\"inbound.received\"]}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject json = SinchJson.tree(created.body()).asJsonObject();
        long id = json.getJsonNumber("id").longValue();
        made.add(id);
        String secret = json.getString("secret");
        assertTrue(secret.startsWith("whsec_"), created.body());
        assertEquals(List.of("inbound.received", "contact.opted_out"), json.getJsonArray("events").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(json.getBoolean("enabled"));
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/webhooks/subscriptions/" + id));

        HttpResponse<String> read = send("GET", "/" + id, admin, null);
        assertEquals(200, read.statusCode());
        assertFalse(read.body().contains(secret), "the secret is answered once");
        assertFalse(read.body().contains("\"secret\""), read.body());
        assertEquals("whsec_…" + secret.substring(secret.length() - 4), SinchJson.tree(read.body()).asJsonObject().getString("secret_hint"));
        assertFalse(send("GET", "", admin, null).body().contains(secret));

        HttpResponse<String> changed = send("PUT", "/" + id, admin, "{\"url\":\"http://127.0.0.1:9/v2\",\"events\":[\"message.status_changed\"],\"enabled\":false}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(changed.body().contains("\"enabled\":false") && changed.body().contains("\"http://127.0.0.1:9/v2\""), changed.body());
        assertEquals(400, send("PUT", "/" + id, admin, "{\"url\":\"http://127.0.0.1:9/v2\",\"events\":[]}").statusCode());
        HttpResponse<String> disabledTest = send("POST", "/" + id + "/test", admin, null);
        assertEquals(400, disabledTest.statusCode(), disabledTest.body());
        assertTrue(disabledTest.body().contains("\"field\":\"enabled\""), disabledTest.body());

        HttpResponse<String> rotated = send("POST", "/" + id + "/rotate-secret", admin, null);
        assertEquals(200, rotated.statusCode());
        String newSecret = SinchJson.tree(rotated.body()).asJsonObject().getString("secret");
        assertTrue(newSecret.startsWith("whsec_") && !newSecret.equals(secret));

        send("PUT", "/" + id, admin, "{\"url\":\"http://127.0.0.1:9/v2\",\"events\":[\"message.status_changed\"],\"enabled\":true}");
        HttpResponse<String> test = send("POST", "/" + id + "/test", admin, null);
        assertEquals(202, test.statusCode(), test.body());
        String eventId = SinchJson.tree(test.body()).asJsonObject().getString("event_id");
        HttpResponse<String> log = send("GET", "/" + id + "/deliveries", admin, null);
        assertEquals(200, log.statusCode());
        assertTrue(log.body().contains("\"event_id\":\"" + eventId + "\"") && log.body().contains("\"event_type\":\"webhook.test\""), log.body());
        assertEquals(400, send("GET", "/" + id + "/deliveries?limit=0", admin, null).statusCode());
        assertEquals(400, send("GET", "/abc", admin, null).statusCode());
        assertEquals(404, send("GET", "/99999999", admin, null).statusCode());
        assertEquals(404, send("POST", "/" + id + "/deliveries/99999999/retry", admin, null).statusCode());

        assertEquals(204, send("DELETE", "/" + id, admin, null).statusCode());
        assertEquals(404, send("GET", "/" + id, admin, null).statusCode());
    }

    // ---- helpers ----

    private record Delivery(String state, int attempts, Integer lastStatus, String lastError, Instant nextAttemptAt) {
    }

    private HookReceiver receiver() throws Exception {
        HookReceiver r = new HookReceiver();
        receivers.add(r);
        return r;
    }

    private WebhookSubscriptions.WithSecret subscribe(HookReceiver receiver, WebhookEventType... events) {
        WebhookSubscriptions.WithSecret s = subscriptions.create(receiver.url(), "test receiver", List.of(events), true);
        made.add(s.subscription().getId());
        return s;
    }

    private Delivery delivery(String eventId, long subscription) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select state, attempts, last_status, last_error, next_attempt_at from webhook_delivery"
                     + " where event_id = ? and subscription_id = ?")) {
            ps.setString(1, eventId);
            ps.setLong(2, subscription);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a delivery of " + eventId);
                Integer status = rs.getInt(3);
                if (rs.wasNull()) {
                    status = null; // read right after its column: wasNull() speaks of the last one read
                }
                return new Delivery(rs.getString(1), rs.getInt(2), status, rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant());
            }
        }
    }

    private String column(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /** Events of a type whose payload contains {@code fragment}, as this transaction (or a fresh connection) sees them. */
    private int eventsAbout(String type, String fragment) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from webhook_event where type = ? and payload like ?")) {
            ps.setString(1, type);
            ps.setString(2, "%" + fragment + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runnerRequest.getLocalPort()
                + runnerRequest.getContextPath() + "/api/webhooks/subscriptions" + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A message the release loop has sent: SENT with its batch id. */
    private long seed(String batch, String phone) throws Exception {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into message (id, phone, kind, body, state, due_at, expire_at, attempts, solo,"
                     + " client_reference, batch_id, sent_at, created_at) values (nextval('message_seq'), ?, 'DIRECT', 'hello', 'SENT', ?, ?, 1,"
                     + " true, 'test', ?, ?, ?)")) {
            ps.setString(1, phone);
            ps.setObject(2, now);
            ps.setObject(3, now.plusDays(3));
            ps.setString(4, batch);
            ps.setObject(5, now);
            ps.setObject(6, now);
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

    private static RecipientDeliveryReport report(String batch, String phone, String status, int code, String at) {
        return (RecipientDeliveryReport) WebhookParser.parse("{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"" + batch
                + "\",\"recipient\":\"" + phone.substring(1) + "\",\"code\":" + code + ",\"status\":\"" + status + "\",\"at\":\"" + at + "\"}");
    }

    private static void assertBetween(Instant from, Instant to, Instant actual) {
        assertTrue(!actual.isBefore(from) && !actual.isAfter(to), actual + " is not between " + from + " and " + to);
    }

    /** A valid UK mobile, different each call. */
    private static String phone() {
        return "+447400" + digits(6);
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }
}
