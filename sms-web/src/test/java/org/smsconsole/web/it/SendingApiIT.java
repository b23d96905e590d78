package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.apikey.ApiKeys;
import org.smsconsole.consent.Suppressions;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactDetails;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.scheduler.SinchConnection;
import org.smsconsole.scheduler.loops.BackgroundLoops;
import org.smsconsole.sinch.SinchClient;
import org.smsconsole.sinch.batch.Batch;
import org.smsconsole.sinch.batch.TextRequest;
import org.smsconsole.template.TemplateView;
import org.smsconsole.template.Templates;
import org.smsconsole.user.Role;

import javax.sql.DataSource;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sending API (single messages, campaigns) over real HTTP, as a client calls it, inside the deployed
 * console on H2: happy paths, every refusal naming its field with nothing stored, 404s, 409s, roles, and a
 * cancel reaching the built-in Sinch sandbox. The release loop may run in the same deployment and send what
 * is due: messages meant to stay queued are for tomorrow; what is scheduled for now is never asserted QUEUED.
 */
@ExtendWith(ArquillianExtension.class)
class SendingApiIT {

    private static final String ADMIN_PASSWORD = "arquillian-admin-pw";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String operatorKey;
    private static String viewerKey;

    @Deployment
    static WebArchive deployment() {
        return Deployments.console();
    }

    /** The test runner's own request: it tells where this server listens. */
    @Inject
    HttpServletRequest runnerRequest;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Contacts contacts;

    @Inject
    Groups groups;

    @Inject
    Templates templates;

    @Inject
    Suppressions suppressions;

    @Inject
    SinchConnection sinch;

    @Inject
    BackgroundLoops loops;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    private String base;

    @BeforeEach
    void keysAndAddress() {
        base = "http://127.0.0.1:" + runnerRequest.getLocalPort() + runnerRequest.getContextPath();
        if (operatorKey == null) {
            operatorKey = apiKeys.create("sending-it operator", Role.OPERATOR, "arquillian").key();
            viewerKey = apiKeys.create("sending-it viewer", Role.VIEWER, "arquillian").key();
        }
    }

    // ---- single messages ----

    @Test
    void aMessageIsQueuedForItsSendAtAndReadBack() throws Exception {
        Instant tomorrow = tomorrow();
        Answer sent = post("/api/messages", json(Map.of("to", "(201) 555-0123", "body", "Your code for ${phone}", "from", "Acme",
                "send_at", tomorrow.toString(), "delivery_report", "per_recipient_final")));
        assertEquals(201, sent.status(), sent.body());
        JsonObject m = sent.json();
        String location = sent.response().headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("/api/messages/" + m.getJsonNumber("id").longValue()), location);
        assertEquals("queued", m.getString("state"));
        assertEquals("direct", m.getString("kind"));
        assertEquals("+12015550123", m.getString("to"), "a national number is read in the default country (US)");
        assertEquals("Your code for +12015550123", m.getString("body"));
        assertEquals("Acme", m.getString("from"));
        assertEquals("per_recipient_final", m.getString("delivery_report"));
        assertEquals(tomorrow, Instant.parse(m.getString("send_at")));
        assertEquals(tomorrow.plus(Duration.ofDays(3)), Instant.parse(m.getString("expire_at")), "Sinch's default validity");
        assertEquals(0, m.getInt("attempts"));
        assertFalse(m.containsKey("campaign_id") || m.containsKey("batch_id"), m.toString());

        Answer read = get(URI.create(location).getPath().substring(runnerRequest.getContextPath().length()));
        assertEquals(200, read.status(), read.body());
        assertEquals(m, read.json());

        Answer queued = get("/api/messages?state=QUEUED&page_size=100");
        assertEquals(200, queued.status(), queued.body());
        assertTrue(queued.json().getJsonNumber("count").longValue() >= 1);
        assertTrue(ids(queued.json().getJsonArray("messages")).contains(m.getJsonNumber("id").longValue()));
        Answer onePage = get("/api/messages?page=0&page_size=1");
        assertEquals(1, onePage.json().getInt("page_size"));
        assertEquals(0, onePage.json().getInt("page"));
        assertEquals(1, onePage.json().getJsonArray("messages").size());
    }

    @Test
    void numbersAreReadAsSinchReadsThemAndContactsAndTemplatesPersonalise() throws Exception {
        String mobile = mobile();
        String digitsOnly = mobile.substring(1);
        Answer international = post("/api/messages", json(Map.of("to", digitsOnly, "body", "hi", "send_at", tomorrow().toString(),
                "delivery_report", "PER_RECIPIENT")));
        assertEquals(201, international.status(), international.body());
        assertEquals(mobile, international.json().getString("to"), "digits without + are international, as Sinch reads them");
        assertEquals("per_recipient", international.json().getString("delivery_report"), "our enum names are accepted too");

        Answer zeroZero = post("/api/messages", json(Map.of("to", "00" + digitsOnly, "body", "hi", "send_at", tomorrow().toString())));
        assertEquals(mobile, zeroZero.json().getString("to"));

        String tag = tag();
        ContactView ada = contacts.add(new ContactDetails(mobile(), "Ada " + tag, null, null, Map.of("city", "Leeds")));
        TemplateView template = templates.create("Greeting " + tag, "Hello ${name} in ${city}");
        Answer toContact = post("/api/messages", json(Map.of("contact_id", ada.id(), "template_id", template.id(),
                "send_at", tomorrow().toString())));
        assertEquals(201, toContact.status(), toContact.body());
        assertEquals("Hello Ada " + tag + " in Leeds", toContact.json().getString("body"));
        assertEquals(ada.id(), toContact.json().getJsonNumber("contact_id").longValue());
        assertEquals(ada.phone(), toContact.json().getString("to"));

        Answer mms = post("/api/messages", json(Map.of("to", mobile(), "media_url", "https://example.com/a.png",
                "send_at", tomorrow().toString())));
        assertEquals(201, mms.status(), mms.body());
        assertEquals("https://example.com/a.png", mms.json().getString("media_url"), "an MMS may be an image alone");

        Answer now = post("/api/messages", json(Map.of("to", mobile(), "body", "at once")));
        assertEquals(201, now.status(), now.body());
        assertFalse(now.json().containsKey("send_at"), "no send_at: due at once (the release loop may already have it)");
    }

    @Test
    void badMessagesAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String to = mobile();
        String tomorrow = tomorrow().toString();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"to\":\"" + to + "\",\"sendAt\":\"" + tomorrow + "\",\"body\":\"x\"}", "sendAt");
        cases.put("{\"to\":\"12\",\"body\":\"x\"}", "to");
        cases.put("{\"to\":\"+1 555 12\",\"body\":\"x\"}", "to");
        cases.put("{\"to\":12015550123,\"body\":\"x\"}", "to");
        cases.put("{\"body\":\"x\"}", "to");
        cases.put("{\"to\":\"" + to + "\",\"contact_id\":1,\"body\":\"x\"}", "to");
        cases.put("{\"contact_id\":999999999,\"body\":\"x\"}", "contact_id");
        cases.put("{\"contact_id\":\"7\",\"body\":\"x\"}", "contact_id");
        cases.put("{\"contact_id\":1.5,\"body\":\"x\"}", "contact_id");
        cases.put("{\"contact_id\":-3,\"body\":\"x\"}", "contact_id");
        cases.put("{\"to\":\"" + to + "\",\"template_id\":999999999}", "template_id");
        cases.put("{\"to\":\"" + to + "\",\"template_id\":1e400}", "template_id");
        cases.put("{\"to\":\"" + to + "\",\"template_id\":1,\"body\":\"x\"}", "body");
        cases.put("{\"to\":\"" + to + "\"}", "body");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"" + "b".repeat(2001) + "\"}", "body");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"Hi ${city}\"}", "body");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"from\":\"FarTooLongSender\"}", "from");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"from\":\"+12\"}", "from");
        cases.put("{\"to\":\"" + to + "\",\"media_url\":\"not a link\"}", "media_url");
        cases.put("{\"to\":\"" + to + "\",\"media_url\":\"ftp://example.com/a.png\"}", "media_url");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"delivery_report\":\"sometimes\"}", "delivery_report");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"send_at\":\"tomorrow\"}", "send_at");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"send_at\":\"2030-05-01T09:00:00\"}", "send_at");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"send_at\":1767225600}", "send_at");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"send_at\":\"" + tomorrow + "\",\"expire_at\":\"" + tomorrow().minus(Duration.ofHours(1)) + "\"}", "expire_at");
        cases.put("{\"to\":\"" + to + "\",\"body\":\"x\",\"send_at\":\"" + tomorrow + "\",\"expire_at\":\""
                + tomorrow().plus(Duration.ofDays(3)).plusSeconds(1) + "\"}", "expire_at");

        ContactView longCity = contacts.add(new ContactDetails(mobile(), tag(), null, null, Map.of("city", "c".repeat(500))));
        cases.put("{\"contact_id\":" + longCity.id() + ",\"body\":\"" + "b".repeat(1990) + "${city}\"}", "body");

        Map<String, Long> before = stored();
        for (var c : cases.entrySet()) {
            assertRefused(post("/api/messages", c.getKey()), c.getValue());
        }
        for (String malformed : List.of("{\"to\": \"" + to + "\",", "[1, 2]", "", "\"text\"")) {
            Answer refused = post("/api/messages", malformed);
            assertEquals(400, refused.status(), malformed + " -> " + refused.body());
            assertEquals("application/problem+json", refused.contentType());
        }
        assertEquals(before, stored(), "nothing stored");
    }

    // ---- campaigns ----

    @Test
    void aCampaignGoesFromDraftToScheduledPausedResumedAndCancelled() throws Exception {
        String tag = tag();
        ContactView ann = contacts.add(new ContactDetails(mobile(), "Ann " + tag));
        ContactView bob = contacts.add(new ContactDetails(mobile(), "Bob " + tag));
        ContactView out = contacts.add(new ContactDetails(mobile(), "Out " + tag));
        contacts.consent(out.id(), Consent.OPTED_OUT, "operator", "asked");
        ContactView listed = contacts.add(new ContactDetails(mobile(), "Listed " + tag));
        suppressions.add(listed.phone(), "complaint");
        GroupView first = groups.create("First " + tag);
        GroupView second = groups.create("Second " + tag);
        groups.addMembers(first.id(), List.of(ann.id(), bob.id(), out.id()));
        groups.addMembers(second.id(), List.of(bob.id(), listed.id()));
        TemplateView template = templates.create("Campaign " + tag, "Hi ${name}, see you soon");

        Instant sendAt = tomorrow();
        JsonObject draft = Json.createObjectBuilder()
                .add("name", "Spring " + tag).add("body", "Hello ${name}")
                .add("group_ids", Json.createArrayBuilder().add(first.id()).add(second.id()))
                .add("from", "Acme").add("delivery_report", "per_recipient_final")
                .add("send_at", sendAt.toString()).add("expire_at", sendAt.plus(Duration.ofHours(6)).toString())
                .add("rate_per_second", 10)
                .add("quiet_hours", Json.createObjectBuilder().add("from", "21:00").add("to", "08:00")).build();
        Answer created = post("/api/campaigns", draft.toString());
        assertEquals(201, created.status(), created.body());
        JsonObject c = created.json();
        long id = c.getJsonNumber("id").longValue();
        assertTrue(created.response().headers().firstValue("Location").orElseThrow().endsWith("/api/campaigns/" + id));
        assertEquals("draft", c.getString("state"));
        assertEquals("Spring " + tag, c.getString("name"));
        assertEquals("Hello ${name}", c.getString("body"));
        assertEquals(List.of(first.id(), second.id()), ids(c.getJsonArray("group_ids")));
        assertEquals("Acme", c.getString("from"));
        assertEquals("per_recipient_final", c.getString("delivery_report"));
        assertEquals(sendAt, Instant.parse(c.getString("send_at")));
        assertEquals(10, c.getInt("rate_per_second"));
        assertEquals(Json.createObjectBuilder().add("from", "21:00").add("to", "08:00").build(), c.getJsonObject("quiet_hours"));
        assertEquals(counts(0, 0, 0, 0), c.getJsonObject("counts"));
        assertEquals(c, get("/api/campaigns/" + id).json());

        JsonObject changedDraft = Json.createObjectBuilder(draft).remove("body").add("template_id", template.id())
                .add("name", "Spring again " + tag).remove("quiet_hours").build();
        Answer changed = put("/api/campaigns/" + id, changedDraft.toString());
        assertEquals(200, changed.status(), changed.body());
        assertEquals("Hi ${name}, see you soon", changed.json().getString("body"), "the body is copied from the template");
        assertEquals(template.id(), changed.json().getJsonNumber("template_id").longValue());
        assertEquals("Spring again " + tag, changed.json().getString("name"));
        assertFalse(changed.json().containsKey("quiet_hours"), "PUT replaces: what is omitted is cleared");
        assertTrue(ids(get("/api/campaigns?state=draft&page_size=100").json().getJsonArray("campaigns")).contains(id));

        Answer scheduled = post("/api/campaigns/" + id + "/schedule", null);
        assertEquals(200, scheduled.status(), scheduled.body());
        assertEquals("scheduled", scheduled.json().getString("state"));
        assertEquals(counts(2, 2, 0, 4), scheduled.json().getJsonObject("counts"), "Bob once; the opted-out and the listed skipped");
        assertEquals(4, scheduled.json().getInt("recipient_count"));
        assertTrue(scheduled.json().containsKey("scheduled_at"));

        JsonObject rows = get("/api/campaigns/" + id + "/messages?page_size=100").json();
        assertEquals(4, rows.getInt("count"));
        JsonObject skipped = get("/api/campaigns/" + id + "/messages?state=skipped").json();
        assertEquals(2, skipped.getInt("count"));
        for (JsonValue row : skipped.getJsonArray("messages")) {
            JsonObject r = row.asJsonObject();
            assertEquals(id, r.getJsonNumber("campaign_id").longValue());
            assertEquals("campaign", r.getString("kind"));
            assertTrue(List.of("Opted out", "On the suppression list").contains(r.getString("reason")), r.toString());
        }
        JsonObject queuedPage = get("/api/campaigns/" + id + "/messages?state=queued&page=1&page_size=1").json();
        assertEquals(2, queuedPage.getInt("count"));
        assertEquals(1, queuedPage.getInt("page"));
        assertEquals(1, queuedPage.getJsonArray("messages").size());
        assertFalse(ids(get("/api/messages?page_size=100").json().getJsonArray("messages"))
                .contains(queuedPage.getJsonArray("messages").getJsonObject(0).getJsonNumber("id").longValue()), "single messages only");

        assertConflict(put("/api/campaigns/" + id, changedDraft.toString()));
        assertConflict(post("/api/campaigns/" + id + "/schedule", null));
        assertConflict(post("/api/campaigns/" + id + "/resume", null));

        assertEquals("paused", post("/api/campaigns/" + id + "/pause", null).json().getString("state"));
        assertConflict(post("/api/campaigns/" + id + "/pause", null));
        Answer resumed = post("/api/campaigns/" + id + "/resume", null);
        assertEquals("scheduled", resumed.json().getString("state"), "send_at is still ahead");

        Answer cancelled = post("/api/campaigns/" + id + "/cancel", null);
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("cancelled", cancelled.json().getString("state"));
        assertTrue(cancelled.json().containsKey("finished_at"));
        JsonObject counts = cancelled.json().getJsonObject("counts");
        assertEquals(0, counts.getInt("queued"));
        assertEquals(2, counts.getInt("cancelled"));
        assertEquals(2, counts.getInt("skipped"));
        assertEquals(4, counts.getInt("total"));
        for (String action : List.of("schedule", "pause", "resume", "cancel")) {
            assertConflict(post("/api/campaigns/" + id + "/" + action, null));
        }
        assertTrue(ids(get("/api/campaigns?state=CANCELLED&page_size=100").json().getJsonArray("campaigns")).contains(id));
    }

    @Test
    void aCampaignScheduledForNowIsAccepted() throws Exception {
        String tag = tag();
        GroupView g = groups.create("Now " + tag);
        groups.addMembers(g.id(), List.of(contacts.add(new ContactDetails(mobile(), "Now " + tag)).id()));
        long id = post("/api/campaigns", "{\"name\":\"Now " + tag + "\",\"body\":\"Now\",\"group_ids\":[" + g.id() + "]}")
                .json().getJsonNumber("id").longValue();
        Answer scheduled = post("/api/campaigns/" + id + "/schedule", null);
        assertEquals(200, scheduled.status(), scheduled.body());
        assertEquals(1, scheduled.json().getJsonObject("counts").getInt("total"));
        assertNotNull(scheduled.json().getString("send_at"), "send_at becomes the moment it was scheduled");
    }

    @Test
    void badCampaignsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String tag = tag();
        GroupView g = groups.create("Bad " + tag);
        String ok = "\"name\":\"Bad " + tag + "\",\"body\":\"x\",\"group_ids\":[" + g.id() + "]";
        Instant t = tomorrow();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{" + ok + ",\"groups\":[1]}", "groups");
        cases.put("{\"body\":\"x\"}", "name");
        cases.put("{\"name\":\"" + "n".repeat(201) + "\",\"body\":\"x\"}", "name");
        cases.put("{\"name\":7,\"body\":\"x\"}", "name");
        cases.put("{\"name\":\"n\",\"template_id\":999999999}", "template_id");
        cases.put("{\"name\":\"n\",\"template_id\":\"abc\"}", "template_id");
        cases.put("{\"name\":\"n\",\"template_id\":1,\"body\":\"x\"}", "body");
        cases.put("{\"name\":\"n\"}", "body");
        cases.put("{\"name\":\"n\",\"body\":\"" + "b".repeat(2001) + "\"}", "body");
        cases.put("{\"name\":\"n\",\"body\":\"x\",\"group_ids\":[999999999]}", "group_ids");
        cases.put("{\"name\":\"n\",\"body\":\"x\",\"group_ids\":" + g.id() + "}", "group_ids");
        cases.put("{\"name\":\"n\",\"body\":\"x\",\"group_ids\":[1.5]}", "group_ids");
        cases.put("{" + ok + ",\"from\":\"Sender with spaces and more\"}", "from");
        cases.put("{" + ok + ",\"delivery_report\":\"always\"}", "delivery_report");
        cases.put("{" + ok + ",\"send_at\":\"next week\"}", "send_at");
        cases.put("{" + ok + ",\"send_at\":\"" + t + "\",\"expire_at\":\"" + t.minusSeconds(60) + "\"}", "expire_at");
        cases.put("{" + ok + ",\"send_at\":\"" + t + "\",\"expire_at\":\"" + t.plus(Duration.ofDays(4)) + "\"}", "expire_at");
        cases.put("{" + ok + ",\"expire_at\":\"" + Instant.now().plus(Duration.ofDays(4)) + "\"}", "expire_at");
        cases.put("{" + ok + ",\"expire_at\":\"" + Instant.now().minusSeconds(60) + "\"}", "expire_at");
        cases.put("{" + ok + ",\"rate_per_second\":0}", "rate_per_second");
        cases.put("{" + ok + ",\"rate_per_second\":100001}", "rate_per_second");
        cases.put("{" + ok + ",\"rate_per_second\":\"fast\"}", "rate_per_second");
        cases.put("{" + ok + ",\"rate_per_second\":2.5}", "rate_per_second");
        cases.put("{" + ok + ",\"rate_per_second\":99999999999}", "rate_per_second");
        cases.put("{" + ok + ",\"quiet_hours\":{\"from\":\"21:00\"}}", "quiet_hours");
        cases.put("{" + ok + ",\"quiet_hours\":{\"from\":\"21:00\",\"to\":\"21:00\"}}", "quiet_hours");
        cases.put("{" + ok + ",\"quiet_hours\":{\"from\":\"25:00\",\"to\":\"08:00\"}}", "quiet_hours.from");
        cases.put("{" + ok + ",\"quiet_hours\":{\"from\":\"21:00\",\"to\":\"08:00\",\"zone\":\"UTC\"}}", "quiet_hours.zone");
        cases.put("{" + ok + ",\"quiet_hours\":\"21:00-08:00\"}", "quiet_hours");

        Map<String, Long> before = stored();
        for (var c : cases.entrySet()) {
            assertRefused(post("/api/campaigns", c.getKey()), c.getValue());
        }
        assertEquals(400, post("/api/campaigns", "{\"name\":").status());
        assertEquals(before, stored(), "nothing stored");

        // A draft refuses a bad change and keeps what it had.
        Answer draft = post("/api/campaigns", "{" + ok + "}");
        assertEquals(201, draft.status(), draft.body());
        long id = draft.json().getJsonNumber("id").longValue();
        before = stored();
        assertRefused(put("/api/campaigns/" + id, "{" + ok + ",\"rate_per_second\":0}"), "rate_per_second");
        assertRefused(put("/api/campaigns/" + id, "{\"name\":\"n\",\"body\":\"x\",\"group_ids\":[999999999]}"), "group_ids");
        assertEquals(400, put("/api/campaigns/" + id, "not json").status());
        assertEquals(draft.json(), get("/api/campaigns/" + id).json(), "the draft is unchanged");
        assertEquals(before, stored());
    }

    @Test
    void schedulingRefusesUnknownPlaceholdersAndEmptyAudiencesAndQueuesNothing() throws Exception {
        String tag = tag();
        GroupView members = groups.create("Members " + tag);
        groups.addMembers(members.id(), List.of(contacts.add(new ContactDetails(mobile(), "Member " + tag)).id()));
        GroupView empty = groups.create("Empty " + tag);
        GroupView optedOut = groups.create("Opted out " + tag);
        ContactView out = contacts.add(new ContactDetails(mobile(), "Out " + tag));
        contacts.consent(out.id(), Consent.OPTED_OUT, "operator", null);
        groups.addMembers(optedOut.id(), List.of(out.id()));
        Instant past = Instant.now().minus(Duration.ofHours(2));

        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"name\":\"p\",\"body\":\"Hi ${unheard_of_" + tag + "}\",\"group_ids\":[" + members.id() + "]}", "body");
        cases.put("{\"name\":\"e\",\"body\":\"Hi\",\"group_ids\":[" + empty.id() + "]}", "group_ids");
        cases.put("{\"name\":\"n\",\"body\":\"Hi\"}", "group_ids");
        cases.put("{\"name\":\"o\",\"body\":\"Hi\",\"group_ids\":[" + optedOut.id() + "]}", "group_ids");
        // Valid when drafted, expired by the time it is scheduled.
        cases.put("{\"name\":\"x\",\"body\":\"Hi\",\"group_ids\":[" + members.id() + "],\"send_at\":\"" + past
                + "\",\"expire_at\":\"" + past.plus(Duration.ofHours(1)) + "\"}", "expire_at");

        for (var c : cases.entrySet()) {
            Answer draft = post("/api/campaigns", c.getKey());
            assertEquals(201, draft.status(), draft.body());
            long id = draft.json().getJsonNumber("id").longValue();
            Map<String, Long> before = stored();
            assertRefused(post("/api/campaigns/" + id + "/schedule", null), c.getValue());
            assertEquals(before, stored(), "nothing queued for " + c.getKey());
            JsonObject after = get("/api/campaigns/" + id).json();
            assertEquals("draft", after.getString("state"));
            assertEquals(0, after.getJsonObject("counts").getInt("total"));
        }
    }

    @Test
    void cancellingACampaignCancelsItsBatchesAtSinchAndIgnoresWhatSinchRefuses() throws Exception {
        SinchClient client = sinch.client().orElseThrow(); // the sandbox on this very server
        String tag = tag();
        ContactView ann = contacts.add(new ContactDetails(mobile(), "Ann " + tag));
        ContactView bob = contacts.add(new ContactDetails(mobile(), "Bob " + tag));
        GroupView g = groups.create("Cancel " + tag);
        groups.addMembers(g.id(), List.of(ann.id(), bob.id()));
        Instant sendAt = tomorrow();
        long id = post("/api/campaigns", "{\"name\":\"Cancel " + tag + "\",\"body\":\"Hi\",\"group_ids\":[" + g.id()
                + "],\"send_at\":\"" + sendAt + "\"}").json().getJsonNumber("id").longValue();
        assertEquals("scheduled", post("/api/campaigns/" + id + "/schedule", null).json().getString("state"));

        // As the release loop would have: Ann's row went out in a batch Sinch still holds; Bob's in one Sinch no longer knows.
        Batch held = client.batches().send(TextRequest.builder().to(ann.phone()).body("Hi").sendAt(sendAt).build());
        markSent(id, ann.phone(), held.id());
        markSent(id, bob.phone(), "01" + "Z".repeat(24));

        Answer cancelled = post("/api/campaigns/" + id + "/cancel", null);
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("cancelled", cancelled.json().getString("state"));
        assertEquals(2, cancelled.json().getJsonObject("counts").getInt("sent"), "rows already with Sinch keep their state");
        assertEquals(Boolean.TRUE, client.batches().get(held.id()).canceled(), "the held batch was cancelled at Sinch");
    }

    // ---- access ----

    @Test
    void aViewerReadsButCannotSendOrManageCampaigns() throws Exception {
        String tag = tag();
        long draft = post("/api/campaigns", "{\"name\":\"Viewer " + tag + "\",\"body\":\"x\"}").json().getJsonNumber("id").longValue();
        Map<String, Long> before = stored();
        String message = "{\"to\":\"" + mobile() + "\",\"body\":\"x\",\"send_at\":\"" + tomorrow() + "\"}";
        assertForbidden(call("POST", "/api/messages", "Bearer " + viewerKey, message));
        assertForbidden(call("POST", "/api/campaigns", "Bearer " + viewerKey, "{\"name\":\"v\",\"body\":\"x\"}"));
        assertForbidden(call("PUT", "/api/campaigns/" + draft, "Bearer " + viewerKey, "{\"name\":\"v\",\"body\":\"x\"}"));
        for (String action : List.of("schedule", "pause", "resume", "cancel")) {
            assertForbidden(call("POST", "/api/campaigns/" + draft + "/" + action, "Bearer " + viewerKey, null));
        }
        assertEquals(before, stored(), "nothing stored");
        assertEquals("draft", get("/api/campaigns/" + draft).json().getString("state"));

        for (String path : List.of("/api/messages", "/api/campaigns", "/api/campaigns/" + draft, "/api/campaigns/" + draft + "/messages")) {
            Answer read = call("GET", path, "Bearer " + viewerKey, null);
            assertEquals(200, read.status(), path + " -> " + read.body());
        }
        assertEquals(401, call("GET", "/api/campaigns", null, null).status());
        assertEquals(401, call("POST", "/api/messages", null, message).status());

        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Answer byAdmin = call("POST", "/api/messages", admin, message);
        assertEquals(201, byAdmin.status(), "an ADMIN may do what an OPERATOR may: " + byAdmin.body());
    }

    @Test
    void unknownIdsInThePathAreNotFound() throws Exception {
        for (String path : List.of("/api/messages/999999999", "/api/campaigns/999999999", "/api/campaigns/999999999/messages",
                "/api/messages/abc")) {
            Answer missing = get(path);
            assertEquals(404, missing.status(), path);
            assertEquals("application/problem+json", missing.contentType(), path);
        }
        assertEquals(404, put("/api/campaigns/999999999", "{\"name\":\"n\",\"body\":\"x\"}").status());
        for (String action : List.of("schedule", "pause", "resume", "cancel")) {
            Answer missing = post("/api/campaigns/999999999/" + action, null);
            assertEquals(404, missing.status(), action);
            assertEquals("application/problem+json", missing.contentType());
        }
    }

    @Test
    void listsPageAndFilterAndRefuseBadParameters() throws Exception {
        String tag = tag();
        List<Long> created = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(post("/api/campaigns", "{\"name\":\"List " + i + " " + tag + "\",\"body\":\"x\"}").json().getJsonNumber("id").longValue());
        }
        JsonObject page = get("/api/campaigns?state=draft&page_size=2").json();
        assertTrue(page.getInt("count") >= 3);
        assertEquals(2, page.getInt("page_size"));
        assertEquals(2, page.getJsonArray("campaigns").size());
        assertFalse(page.getJsonArray("campaigns").getJsonObject(0).containsKey("counts"), "lists leave the counts out");
        List<Long> listed = ids(get("/api/campaigns?state=draft&page_size=100").json().getJsonArray("campaigns")).stream()
                .filter(created::contains).toList();
        assertEquals(List.of(created.get(2), created.get(1), created.get(0)), listed, "newest first");
        assertEquals(0, get("/api/campaigns?state=completed&page=100000").json().getJsonArray("campaigns").size());

        assertRefused(get("/api/campaigns?state=finished"), "state");
        assertRefused(get("/api/messages?state=lost"), "state");
        assertRefused(get("/api/campaigns?page=-1"), "page");
        assertRefused(get("/api/campaigns?page=abc"), "page");
        assertRefused(get("/api/campaigns?page=2147483647"), "page");
        assertRefused(get("/api/messages?page_size=101"), "page_size");
        assertRefused(get("/api/messages?page_size=0"), "page_size");
        assertRefused(get("/api/campaigns/1/messages?state=nope"), "state");
    }

    @Test
    void theOpenApiDocumentDescribesTheSendingApi() throws Exception {
        HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/openapi")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, doc.statusCode());
        for (String path : List.of("/messages:", "/messages/{id}:", "/campaigns:", "/campaigns/{id}:", "/campaigns/{id}/schedule:",
                "/campaigns/{id}/pause:", "/campaigns/{id}/resume:", "/campaigns/{id}/cancel:", "/campaigns/{id}/messages:")) {
            assertTrue(doc.body().contains("\n  " + path), path + " is documented");
        }
        for (String schema : List.of("MessageInput:", "Message:", "CampaignInput:", "Campaign:", "CampaignCounts:")) {
            assertTrue(doc.body().contains("\n    " + schema), schema + " is documented");
        }
    }

    // ---- Idempotency-Key ----

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstAnswerAgainAndCreatesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        String message = json(Map.of("to", mobile(), "body", "Once only", "send_at", tomorrow().toString()));
        Map<String, Long> before = stored();
        Answer first = keyed("POST", "/api/messages", operatorKey, key, message);
        assertEquals(201, first.status(), first.body());
        Answer again = keyed("POST", "/api/messages", operatorKey, key, message);
        assertEquals(201, again.status(), again.body());
        assertEquals(first.json(), again.json(), "the first answer, not a new message");
        assertEquals(first.response().headers().firstValue("Location"), again.response().headers().firstValue("Location"));
        assertEquals("true", again.response().headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(before.get("message") + 1, stored().get("message"), "one message for two requests");

        // Keys are the caller's own: another API key with the same key text makes its own message.
        String otherKey = apiKeys.create("sending-it other operator " + tag(), Role.OPERATOR, "arquillian").key();
        Answer other = keyed("POST", "/api/messages", otherKey, key, message);
        assertEquals(201, other.status(), other.body());
        assertTrue(other.json().getJsonNumber("id").longValue() != first.json().getJsonNumber("id").longValue());

        // A campaign created and scheduled with keys: the retried schedule answers the first answer, not 409.
        GroupView group = groups.create("Idempotent " + tag());
        groups.addMembers(group.id(), List.of(contacts.add(new ContactDetails(mobile(), "Ida " + tag())).id()));
        String draft = Json.createObjectBuilder().add("name", "Idempotent " + tag()).add("body", "Hello ${name}")
                .add("group_ids", Json.createArrayBuilder().add(group.id())).add("send_at", tomorrow().toString()).build().toString();
        String campaignKey = UUID.randomUUID().toString();
        Answer created = keyed("POST", "/api/campaigns", operatorKey, campaignKey, draft);
        assertEquals(201, created.status(), created.body());
        long campaigns = stored().get("campaign");
        assertEquals(created.json(), keyed("POST", "/api/campaigns", operatorKey, campaignKey, draft).json());
        assertEquals(campaigns, stored().get("campaign"), "no second draft");
        String schedule = "/api/campaigns/" + created.json().getJsonNumber("id").longValue() + "/schedule";
        String scheduleKey = UUID.randomUUID().toString();
        Answer scheduled = keyed("POST", schedule, operatorKey, scheduleKey, null);
        assertEquals(200, scheduled.status(), scheduled.body());
        Answer rescheduled = keyed("POST", schedule, operatorKey, scheduleKey, null);
        assertEquals(200, rescheduled.status(), rescheduled.body());
        assertEquals(scheduled.json(), rescheduled.json());
        assertConflict(post(schedule, null)); // without the key a second schedule is what it always was
    }

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIsRefusedWith422AndChangesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        String phone = mobile();
        assertEquals(201, keyed("POST", "/api/messages", operatorKey, key,
                json(Map.of("to", phone, "body", "First", "send_at", tomorrow().toString()))).status());
        Map<String, Long> before = stored();
        Answer other = keyed("POST", "/api/messages", operatorKey, key, json(Map.of("to", phone, "body", "Second", "send_at", tomorrow().toString())));
        assertEquals(422, other.status(), other.body());
        assertEquals("application/problem+json", other.contentType());
        assertEquals("Idempotency-Key", other.field());
        Answer elsewhere = keyed("POST", "/api/campaigns", operatorKey, key, "{\"name\":\"x\",\"body\":\"y\"}");
        assertEquals(422, elsewhere.status(), "the key names one request, whatever the path: " + elsewhere.body());
        assertEquals(before, stored(), "nothing created");

        Answer bad = keyed("POST", "/api/messages", operatorKey, "no spaces allowed", json(Map.of("to", phone, "body", "x")));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("Idempotency-Key", bad.field());
        assertEquals(before, stored());
    }

    @Test
    void anIdempotencyKeyIsKeptForTwentyFourHoursAndThenMakesANewMessage() throws Exception {
        String key = UUID.randomUUID().toString();
        String message = json(Map.of("to", mobile(), "body", "Daily", "send_at", tomorrow().toString()));
        Answer first = keyed("POST", "/api/messages", operatorKey, key, message);
        assertEquals(201, first.status(), first.body());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select created_at, expires_at from idempotency_key where idem_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(Duration.ofHours(24), Duration.between(rs.getObject(1, java.time.OffsetDateTime.class),
                        rs.getObject(2, java.time.OffsetDateTime.class)));
            }
        }
        // A day later (its expiry moved to the past rather than the clock a day ahead, which would release tomorrow's messages).
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update idempotency_key set created_at = created_at - interval '25' hour, expires_at = expires_at - interval '25' hour where idem_key = ?")) {
            ps.setString(1, key);
            assertEquals(1, ps.executeUpdate());
        }
        long messages = stored().get("message");
        Answer later = keyed("POST", "/api/messages", operatorKey, key, message);
        assertEquals(201, later.status(), later.body());
        assertFalse(later.response().headers().firstValue("Idempotent-Replayed").isPresent());
        assertTrue(later.json().getJsonNumber("id").longValue() != first.json().getJsonNumber("id").longValue(), "a new message");
        assertEquals(messages + 1, stored().get("message"));
    }

    @Test
    void requestsWithOneIdempotencyKeyAtTheSameTimeCreateOneMessage() throws Exception {
        String key = UUID.randomUUID().toString();
        String message = json(Map.of("to", mobile(), "body", "Raced", "send_at", tomorrow().toString()));
        long before = stored().get("message");
        int clients = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(clients);
            List<java.util.concurrent.Future<Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return keyed("POST", "/api/messages", operatorKey, key, message);
                }));
            }
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (var f : answers) {
                Answer a = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(201, a.status(), a.body());
                ids.add(a.json().getJsonNumber("id").longValue());
            }
            assertEquals(1, ids.size(), "every request answered the same message: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, stored().get("message"), "one message");
    }

    private Answer keyed(String method, String path, String apiKey, String idempotencyKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + apiKey).header("Idempotency-Key", idempotencyKey);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    // ---- health ----

    @Test
    void healthIsDownWhileTheReleaseLoopIsStoppedAndUpAgainOnceItRuns() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/health", null, null).status() == 200);
        Answer up = call("GET", "/api/health", null, null);
        assertEquals("UP", up.json().getString("status"), up.body());
        JsonObject release = check(up.json(), "loop:release");
        assertEquals("UP", release.getString("status"), up.body());
        assertTrue(release.getJsonObject("data").containsKey("last_success_at"), "each loop says when it last worked: " + release);
        for (String loop : List.of("loop:webhooks", "loop:import-watch", "loop:report-poll", "loop:retention")) {
            assertEquals("UP", check(up.json(), loop).getString("status"), loop + " in " + up.body());
        }

        loops.stop("release");
        try {
            Answer down = call("GET", "/api/health", null, null);
            assertEquals(503, down.status(), down.body());
            assertEquals("DOWN", down.json().getString("status"));
            assertEquals("not running", check(down.json(), "loop:release").getJsonObject("data").getString("reason"), down.body());
            assertEquals("UP", check(down.json(), "database").getString("status"), "the database still answers");

            // MicroProfile Health, as Payara serves it: not live (a restart would mend it), not ready.
            for (String endpoint : List.of("/health/live", "/health/ready")) {
                HttpResponse<String> mp = HTTP.send(HttpRequest.newBuilder(URI.create(base + endpoint)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, mp.statusCode(), endpoint + ": " + mp.body());
                assertTrue(mp.body().contains("not running"), endpoint + ": " + mp.body());
            }
        } finally {
            loops.resume("release");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/health", null, null).status() == 200);
        HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode(), live.body());
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    // ---- plumbing ----

    private record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body()))) {
                return reader.readObject();
            }
        }

        /** The first field a problem names. */
        String field() {
            JsonArray errors = json().getJsonArray("errors");
            return errors == null || errors.isEmpty() ? null : errors.getJsonObject(0).getString("field");
        }
    }

    private Answer get(String path) throws Exception {
        return call("GET", path, "Bearer " + operatorKey, null);
    }

    private Answer post(String path, String json) throws Exception {
        return call("POST", path, "Bearer " + operatorKey, json);
    }

    private Answer put(String path, String json) throws Exception {
        return call("PUT", path, "Bearer " + operatorKey, json);
    }

    private Answer call(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static void assertRefused(Answer answer, String field) {
        assertEquals(400, answer.status(), field + ": " + answer.body());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals(field, answer.field(), answer.body());
    }

    private static void assertConflict(Answer answer) {
        assertEquals(409, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.contentType());
    }

    private static void assertForbidden(Answer answer) {
        assertEquals(403, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.contentType());
    }

    /** Rows of every table the sending API writes. */
    private Map<String, Long> stored() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("campaign", "campaign_group", "message")) {
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private void markSent(long campaignId, String phone, String batchId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update message set state = 'SENT', batch_id = ? where campaign_id = ? and phone = ?")) {
            update.setString(1, batchId);
            update.setLong(2, campaignId);
            update.setString(3, phone);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static JsonObject counts(long queued, long skipped, long cancelled, long total) {
        return Json.createObjectBuilder().add("queued", queued).add("sending", 0).add("sent", 0).add("delivered", 0).add("failed", 0)
                .add("expired", 0).add("skipped", skipped).add("cancelled", cancelled).add("total", total).build();
    }

    private static List<Long> ids(JsonArray array) {
        return array.stream().map(v -> v.getValueType() == JsonValue.ValueType.NUMBER
                ? ((jakarta.json.JsonNumber) v).longValue() : v.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    private static String json(Map<String, ?> fields) {
        var b = Json.createObjectBuilder();
        fields.forEach((k, v) -> {
            if (v instanceof Number n) {
                b.add(k, n.longValue());
            } else {
                b.add(k, String.valueOf(v));
            }
        });
        return b.build().toString();
    }

    /** A day ahead, so the release loop leaves it queued. */
    private static Instant tomorrow() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String tag() {
        return "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid random UK mobile (+44 740 to 745). */
    private static String mobile() {
        // 60 million numbers (+44 740 to 745): six random digits gave two tests of one run the same number
        return "+4474" + ThreadLocalRandom.current().nextInt(6) + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
