package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.apikey.ApiKeys;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignDraft;
import org.smsconsole.campaign.CampaignState;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.config.LocalPort;
import org.smsconsole.config.Setting;
import org.smsconsole.config.StoredSettings;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactDetails;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.inbound.InboundMessage;
import org.smsconsole.inbound.Inbounds;
import org.smsconsole.inbound.KeywordAction;
import org.smsconsole.inbound.KeywordSet;
import org.smsconsole.inbound.Keywords;
import org.smsconsole.message.Message;
import org.smsconsole.message.MessageState;
import org.smsconsole.message.Messages;
import org.smsconsole.scheduler.reports.DeliveryReportPoller;
import org.smsconsole.sinch.SinchJson;
import org.smsconsole.sinch.SinchVectors;
import org.smsconsole.sinch.webhook.WebhookSignature;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;

import javax.sql.DataSource;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receiving in the container, over real HTTP with signed callbacks: every MO sample is stored and linked to a contact
 * (an unknown number becomes one), STOP/START/HELP take effect once with one reply each, repeated callbacks and bad
 * signatures change nothing, a queued campaign message to someone who sent STOP is skipped at release, polled MOs
 * are handled the same way, and {@code GET /api/inbound} pages, filters and refuses bad input. H2 and PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class ReceivingPersistenceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Our number, the one the UK MOs of the Sinch test vectors are sent to. */
    private static final String OUR_NUMBER = "447700900000";

    @Deployment
    static WebArchive deployment() {
        return Deployments.withSinchVectors(Deployments.console());
    }

    @ArquillianResource
    URL base;

    @Inject
    Inbounds inbounds;

    @Inject
    Contacts contacts;

    @Inject
    Messages messages;

    @Inject
    Keywords keywords;

    @Inject
    StoredSettings settings;

    @Inject
    Groups groups;

    @Inject
    Campaigns campaigns;

    @Inject
    DeliveryReportPoller poller;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Clock clock;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    private static String viewerKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private SandboxControl sandbox;

    @BeforeEach
    void sandboxAndKey() {
        TestClock.resume();
        sandbox = new SandboxControl(base);
        sandbox.reset();
        sandbox.patch("{\"messages_per_second\":0,\"dispatch_delay_ms\":0,\"delivery_delay_ms\":0}");
        if (viewerKey == null) {
            viewerKey = apiKeys.create("receiving-it viewer", Role.VIEWER, "arquillian").key();
        }
    }

    // ---- the Sinch test vectors ----

    @Test
    void everyInboundVectorIsStoredOnceAndLinkedToTheContactOfItsSender() throws Exception {
        SinchVectors vectors = SinchVectors.project();
        List<String> names = moVectors(vectors);
        assertTrue(names.size() >= 6, "the MO vectors (GET /inbounds answers and callbacks): " + names);
        assertEquals(Set.of("mo_text", "mo_binary", "mo_media"),
                names.stream().map(name -> object(vectors.read(name)).getString("type")).collect(Collectors.toSet()));
        for (String name : names) {
            String sinchId = sinchId();
            JsonObject expected = Json.createObjectBuilder(object(vectors.read(name))).add("id", sinchId).build();
            String body = expected.toString();
            String from = "+" + expected.getString("from");
            Long known = contactIdOf(from);
            long messagesBefore = count("select count(*) from message");
            assertEquals("{\"stored\":1,\"duplicates\":0,\"messages_changed\":0}", post(body).body(), name);
            assertEquals("{\"stored\":0,\"duplicates\":1,\"messages_changed\":0}", post(body).body(), name);

            InboundMessage mo = inbounds.find(sinchId).orElseThrow();
            assertEquals(expected.getString("type"), mo.getType(), name);
            assertEquals(from, mo.getFrom(), name);
            assertEquals(expected.getString("to"), mo.getTo(), name);
            assertEquals(Instant.parse(expected.getString("received_at")), mo.getReceivedAt(), name);
            assertEquals(expected.containsKey("sent_at") ? Instant.parse(expected.getString("sent_at")) : null, mo.getSentAt(), name);
            assertEquals(expected.getString("operator_id"), mo.getOperatorId(), name);
            assertEquals(expected.getString("client_reference", null), mo.getClientReference(), name);
            if (mo.getType().equals("mo_media")) {
                assertEquals(expected.getJsonObject("body"), object(mo.getBody()), name + ": the MMS body as JSON");
            } else {
                assertEquals(expected.getString("body"), mo.getBody(), name);
            }
            assertEquals(expected.getString("udh", null), mo.getUdh(), name);
            assertNull(mo.getKeywordAction(), name + ": no keyword in a vector");

            Long contactId = contactIdOf(from);
            assertNotNull(contactId, name + ": the sender is a contact");
            assertEquals(contactId, mo.getContactId(), name);
            if (known == null) {
                ContactView created = contacts.get(contactId);
                assertNull(created.name(), "a new contact has no name");
                assertEquals(Consent.SUBSCRIBED, created.consent());
                // Derived as for any contact (none for a number libphonenumber calls possible but not valid).
                assertEquals(zoneOf(from), created.timeZone(), from);
            }
            assertEquals(1, count("select count(*) from contact where phone = '" + from + "'"), "one contact for one number");
            assertEquals(messagesBefore, count("select count(*) from message"), "no keyword, no reply");
        }
    }

    @Test
    void anUnknownValidNumberBecomesAContactWithTheTimeZoneOfItsNumber() throws Exception {
        String phone = ukMobile();
        String id = sinchId();
        post(mo(id, phone, OUR_NUMBER, "Hello, is this the clinic?"));
        ContactView contact = contacts.findByPhone(phone).orElseThrow();
        assertEquals("Europe/London", contact.timeZone());
        assertEquals(Consent.SUBSCRIBED, contact.consent());
        assertEquals(contact.id(), inbounds.find(id).orElseThrow().getContactId());

        ContactView known = contacts.add(new ContactDetails(ukMobile(), "Known Person"));
        String second = sinchId();
        post(mo(second, known.phone(), OUR_NUMBER, "thanks"));
        assertEquals(known.id(), inbounds.find(second).orElseThrow().getContactId(), "a known number is linked, not added again");
        assertEquals("Known Person", contacts.get(known.id()).name());
    }

    @Test
    void aTamperedOrMissingSignatureStoresNothingAndOptsNobodyOut() throws Exception {
        String phone = ukMobile();
        String body = mo(sinchId(), phone, OUR_NUMBER, "STOP");
        Map<String, String> signed = sign(body);
        assertEquals(401, post(body.replace("STOP", "HELP"), signed).statusCode(), "a body changed after signing");
        assertEquals(401, post(body, Map.of()).statusCode(), "unsigned");
        assertEquals(0, count("select count(*) from inbound_message where from_number = '" + phone + "'"));
        assertTrue(contacts.findByPhone(phone).isEmpty(), "no contact made");
        assertEquals(0, count("select count(*) from message where phone = '" + phone + "'"));
    }

    // ---- keywords ----

    @Test
    void stopInAnyCaseOrSpacingOptsOutWithExactlyOneConfirmation() throws Exception {
        String optOutReply = keywords.all().get(0).optOutReply();
        for (String stop : List.of("STOP", "Stop", " stop ", "UnSubscribe", "quit\n", "STOPALL", "cancel", "End")) {
            String phone = ukMobile();
            String id = sinchId();
            String body = mo(id, phone, OUR_NUMBER, stop);
            assertEquals(200, post(body).statusCode());
            ContactView contact = contacts.findByPhone(phone).orElseThrow();
            assertEquals(Consent.OPTED_OUT, contact.consent(), stop);
            assertEquals("keyword", contact.consentSource());
            assertNotNull(contact.consentChangedAt());
            assertTrue(contact.consentReason().contains("\"" + stop.strip() + "\""), contact.consentReason());
            assertTrue(contact.consentReason().matches("(?s).* at 20[0-9-]+T[0-9:.]+Z"), "with the time: " + contact.consentReason());
            assertEquals(KeywordAction.OPT_OUT, inbounds.find(id).orElseThrow().getKeywordAction());
            assertEquals(List.of(optOutReply), complianceTo(phone), stop);

            // Sinch repeats the callback; the person sends STOP again: nothing more is sent.
            assertEquals("{\"stored\":0,\"duplicates\":1,\"messages_changed\":0}", post(body).body());
            String again = sinchId();
            post(mo(again, phone, OUR_NUMBER, "STOP"));
            assertEquals(KeywordAction.OPT_OUT, inbounds.find(again).orElseThrow().getKeywordAction());
            assertEquals(List.of(optOutReply), complianceTo(phone), "still one confirmation after a second STOP");
            assertEquals(List.of("opted_out via keyword: " + contact.consentReason()), column("select details from audit_entry"
                    + " where action = 'CONTACT_CONSENT_CHANGED' and subject = ?", "contact " + contact.id() + " " + phone),
                    "audited once, like any consent change");
        }
    }

    @Test
    void startOptsBackInHelpIsAnsweredEveryTimeAndAKeywordInsideASentenceDoesNothing() throws Exception {
        KeywordSet en = keywords.all().get(0);
        String phone = ukMobile();
        post(mo(sinchId(), phone, OUR_NUMBER, "please stop texting me"));
        ContactView contact = contacts.findByPhone(phone).orElseThrow();
        assertEquals(Consent.SUBSCRIBED, contact.consent(), "a keyword inside a longer message is no keyword");
        assertEquals(List.of(), complianceTo(phone));
        String start = sinchId();
        post(mo(start, phone, OUR_NUMBER, "START"));
        assertEquals(List.of(), complianceTo(phone), "already subscribed: START changes nothing and confirms nothing");
        assertEquals(KeywordAction.OPT_IN, inbounds.find(start).orElseThrow().getKeywordAction());

        post(mo(sinchId(), phone, OUR_NUMBER, "stop"));
        post(mo(sinchId(), phone, OUR_NUMBER, "Unstop"));
        ContactView back = contacts.get(contact.id());
        assertEquals(Consent.SUBSCRIBED, back.consent());
        assertEquals("keyword", back.consentSource());
        assertTrue(back.consentReason().contains("\"Unstop\""), back.consentReason());
        assertEquals(List.of(en.optOutReply(), en.optInReply()), complianceTo(phone));

        String help = mo(sinchId(), phone, OUR_NUMBER, "help");
        post(help);
        post(help); // a repeated callback
        post(mo(sinchId(), phone, OUR_NUMBER, " HELP"));
        assertEquals(List.of(en.optOutReply(), en.optInReply(), en.helpReply(), en.helpReply()), complianceTo(phone),
                "help every time it is sent, never for a repeated callback");
        assertEquals(Consent.SUBSCRIBED, contacts.get(contact.id()).consent(), "HELP changes no consent");
        assertEquals(KeywordAction.HELP, inbounds.page(new org.smsconsole.inbound.InboundSearch(phone, null, null, null, null, null), 0, 1)
                .get(0).getKeywordAction());
    }

    @Test
    void repliesGoFromTheNumberTheMessageWasSentToWhenItIsOneOfOurs() throws Exception {
        String ours = "+15550001234";
        settings.save(Map.of(Setting.SENDERS, ours + ",Clinic"));
        try {
            String phone = ukMobile();
            post(mo(sinchId(), phone, ours.substring(1), "HELP"));
            post(mo(sinchId(), phone, "15559990000", "HELP"));
            assertEquals(java.util.Arrays.asList(ours, null), sendersTo(phone), "ours, then a number that is not ours: the default");
        } finally {
            settings.save(Map.of(Setting.SENDERS, ""));
        }
    }

    @Test
    void keywordsAndRepliesAreKeptPerLanguage() throws Exception {
        keywords.save(new KeywordSet("es", List.of("BAJA", "PARAR"), List.of("ALTA"), List.of("AYUDA"),
                "Baja confirmada.", "Alta confirmada.", "Responde BAJA para no recibir mensajes, ${name}."));
        try {
            ContactView maria = contacts.add(new ContactDetails(ukMobile(), "Maria", "es-MX", null, Map.of()));
            post(mo(sinchId(), maria.phone(), OUR_NUMBER, "ayuda"));
            post(mo(sinchId(), maria.phone(), OUR_NUMBER, "Baja"));
            post(mo(sinchId(), maria.phone(), OUR_NUMBER, "START"));
            assertEquals(List.of("Responde BAJA para no recibir mensajes, Maria.", "Baja confirmada.",
                    keywords.all().get(0).optInReply()), complianceTo(maria.phone()), "her language's words and replies, and English STOP/START");
            ContactView english = contacts.add(new ContactDetails(ukMobile(), "Ann"));
            post(mo(sinchId(), english.phone(), OUR_NUMBER, "BAJA"));
            assertEquals(Consent.SUBSCRIBED, contacts.get(english.id()).consent(), "Spanish words are not hers");

            InvalidInputException bad = assertThrows(InvalidInputException.class, () -> keywords.save(new KeywordSet("es", List.of("BAJA"),
                    List.of("ALTA"), List.of("AYUDA"), "Hola ${city}", "x", "y")));
            assertEquals("opt_out_reply", bad.field(), "a reply may only use placeholders every contact can fill");
            assertEquals("opt_in_words", assertThrows(InvalidInputException.class, () -> keywords.save(new KeywordSet("es",
                    List.of("BAJA"), List.of(" "), List.of("AYUDA"), "a", "b", "c"))).field());
        } finally {
            keywords.remove("es");
        }
    }

    @Test
    void aQueuedCampaignMessageToSomeoneWhoSentStopIsSkippedAtRelease() throws Exception {
        ContactView stays = contacts.add(new ContactDetails(ukMobile(), "Stays"));
        ContactView leaves = contacts.add(new ContactDetails(ukMobile(), "Leaves"));
        GroupView group = groups.create("receiving " + sinchId());
        groups.addMembers(group.id(), List.of(stays.id(), leaves.id()));
        Campaign campaign = campaigns.create(new CampaignDraft("stop before release " + sinchId(), null, "Hi ${name}", List.of(group.id()),
                null, null, clock.instant().plus(Duration.ofMinutes(10)), null, null, null, null));
        campaigns.schedule(campaign.getId());
        assertEquals(2, messages.count(campaign.getId(), MessageState.QUEUED));
        try {
            post(mo(sinchId(), leaves.phone(), OUR_NUMBER, "Stop"));
            TestClock.advance(Duration.ofMinutes(10));
            await().atMost(WAIT).until(() -> campaigns.get(campaign.getId()).getState() == CampaignState.COMPLETED);
            // The sandbox keeps the console's (moved) time: its counts are read before the clock goes back.
            await().atMost(WAIT).until(() -> sandbox.messagesTo(stays.phone()) == 1);
            await().atMost(WAIT).until(() -> sandbox.messagesTo(leaves.phone()) == 1);
        } finally {
            TestClock.resume();
        }
        List<Message> skipped = messages.page(campaign.getId(), MessageState.SKIPPED, 0, 10);
        assertEquals(List.of(leaves.phone()), skipped.stream().map(Message::getPhone).toList());
        assertTrue(skipped.get(0).getReason().startsWith("Opted out via keyword at "), skipped.get(0).getReason());
        assertEquals(List.of(keywords.all().get(0).optOutReply()), complianceTo(leaves.phone()),
                "what reached them is the STOP confirmation, not the campaign");
    }

    @Test
    void polledInboundsGetTheSameHandling() throws Exception {
        LocalPort.learn(base.getPort()); // SinchSettings then point at this server's sandbox
        sandbox.patch("{\"callback_url\":null}"); // what arrives comes through the poller only
        String phone = ukMobile();
        HttpResponse<String> created = sandboxPost("control/inbounds", "{\"from\":\"" + phone + "\",\"body\":\" Stop \"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = field(created.body(), "id");
        await().atMost(WAIT).until(() -> {
            poller.pollNow();
            return inbounds.find(id).isPresent();
        });
        poller.pollNow(); // the same window again: stored and handled once
        assertEquals(KeywordAction.OPT_OUT, inbounds.find(id).orElseThrow().getKeywordAction());
        ContactView contact = contacts.findByPhone(phone).orElseThrow();
        assertEquals(Consent.OPTED_OUT, contact.consent());
        assertEquals(contact.id(), inbounds.find(id).orElseThrow().getContactId());
        assertEquals(List.of(keywords.all().get(0).optOutReply()), complianceTo(phone));
        await().atMost(WAIT).until(() -> sandbox.messagesTo(phone) == 1);
    }

    // ---- GET /api/inbound ----

    @Test
    void theInboundApiPagesAndFilters() throws Exception {
        String phone = ukMobile();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        String first = sinchId();
        String second = sinchId();
        String third = sinchId();
        post(moAt(first, phone, "Hello 100% there", t0));
        post(moAt(second, phone, "STOP", t0.plusSeconds(60)));
        post(moAt(third, phone, "what_is this", t0.plusSeconds(120)));
        long contactId = contacts.findByPhone(phone).orElseThrow().id();

        JsonObject page0 = json(get("/api/inbound?from=" + phone.replace("+", "%2B") + "&page_size=2"));
        assertEquals(3, page0.getInt("count"));
        assertEquals(0, page0.getInt("page"));
        assertEquals(2, page0.getInt("page_size"));
        assertEquals(List.of(third, second), ids(page0), "newest first");
        JsonObject stop = page0.getJsonArray("inbound").getJsonObject(1);
        assertEquals("opt_out", stop.getString("keyword_action"));
        assertEquals(contactId, stop.getJsonNumber("contact_id").longValue());
        assertEquals(phone, stop.getString("from"));
        assertEquals("mo_text", stop.getString("type"));
        assertEquals("2026-03-01T10:01:00Z", stop.getString("received_at"));
        JsonObject page1 = json(get("/api/inbound?from=" + phone.substring(1) + "&page_size=2&page=1"));
        assertEquals(List.of(first), ids(page1), "international digits without + are the same sender");

        assertEquals(List.of(second), ids(json(get("/api/inbound?contact_id=" + contactId + "&keyword_action=OPT_OUT"))));
        assertEquals(List.of(second, first), ids(json(get("/api/inbound?contact_id=" + contactId
                + "&since=2026-03-01T10:00:00Z&until=2026-03-01T11:01:30%2B01:00"))), "since inclusive, until exclusive, any offset");
        assertEquals(List.of(first), ids(json(get("/api/inbound?contact_id=" + contactId + "&q=100%25"))), "% is a character, not a wildcard");
        assertEquals(List.of(third), ids(json(get("/api/inbound?contact_id=" + contactId + "&q=WHAT_IS"))), "regardless of case; _ is a character");
        assertEquals(0, json(get("/api/inbound?contact_id=" + contactId + "&q=what%20x")).getInt("count"));

        Map<String, String> bad = Map.of("page=-1", "page", "page_size=0", "page_size", "page_size=101", "page_size", "page=abc", "page",
                "since=yesterday", "since", "until=2026-03-01", "until", "since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z", "until",
                "keyword_action=maybe", "keyword_action", "from=not-a-number", "from", "contact_id=x", "contact_id");
        for (var e : bad.entrySet()) {
            HttpResponse<String> answer = get("/api/inbound?" + e.getKey());
            assertEquals(400, answer.statusCode(), e.getKey() + ": " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse("").split(";")[0], e.getKey());
            assertEquals(e.getValue(), json(answer).getJsonArray("errors").getJsonObject(0).getString("field"), e.getKey());
        }
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "api/inbound")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "reading needs a key or a login");
    }

    // ---- helpers ----

    private static String mo(String id, String from, String to, String text) {
        return moJson(id, from, to, text, null);
    }

    private static String moAt(String id, String from, String text, Instant receivedAt) {
        return moJson(id, from, OUR_NUMBER, text, receivedAt);
    }

    private static String moJson(String id, String from, String to, String text, Instant receivedAt) {
        var json = Json.createObjectBuilder().add("type", "mo_text").add("id", id).add("from", from.replace("+", "")).add("to", to)
                .add("body", text);
        if (receivedAt != null) {
            json.add("received_at", receivedAt.toString()).add("sent_at", receivedAt.minusSeconds(1).toString());
        }
        return json.build().toString();
    }

    /** The bodies of the COMPLIANCE messages queued to this number, oldest first. */
    private List<String> complianceTo(String phone) throws Exception {
        return column("select body from message where phone = ? and kind = 'COMPLIANCE' order by id", phone);
    }

    private List<String> sendersTo(String phone) throws Exception {
        return column("select sender from message where phone = ? and kind = 'COMPLIANCE' order by id", phone);
    }

    private List<String> column(String sql, String phone) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, phone);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Long contactIdOf(String phone) throws Exception {
        List<String> ids = column("select cast(id as varchar(20)) from contact where phone = ?", phone);
        return ids.isEmpty() ? null : Long.valueOf(ids.get(0));
    }

    private static String zoneOf(String e164) {
        try {
            return org.smsconsole.contact.ContactTimeZones.of(org.smsconsole.phone.PhoneNumbers.check(e164, "US"));
        } catch (org.smsconsole.phone.InvalidPhoneNumberException e) {
            return null;
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, sign(body));
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/webhooks/sinch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 401, answer.statusCode() + " " + answer.body());
        return answer;
    }

    /** Signed as Sinch signs, with the secret both containers are started with. */
    private Map<String, String> sign(String body) {
        String secret = System.getProperty("SMS_SINCH_WEBHOOK_SECRET");
        assertNotNull(secret, "SMS_SINCH_WEBHOOK_SECRET is set in arquillian.xml");
        return WebhookSignature.of(secret, clock).signedHeaders(body.getBytes(StandardCharsets.UTF_8), sinchId(), clock.instant().getEpochSecond());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + viewerKey).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sandboxPost(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "sandbox/" + path)).header("Authorization", "Bearer sandbox-api-token")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> answer) {
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("inbound").getValuesAs(JsonObject.class).stream().map(o -> o.getString("inbound_id")).toList();
    }

    /** The MO vectors (list pages have no top-level type and are left out). */
    private static List<String> moVectors(SinchVectors vectors) {
        return vectors.names().stream().filter(name -> object(vectors.read(name)).getString("type", "").startsWith("mo_")).toList();
    }

    private static JsonObject object(String json) {
        return SinchJson.tree(json).asJsonObject();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String sinchId() {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder("01R");
        for (int i = 0; i < 23; i++) {
            id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** A valid UK mobile no other test uses. */
    private static String ukMobile() {
        StringBuilder s = new StringBuilder("+447400");
        for (int i = 0; i < 6; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }
}
