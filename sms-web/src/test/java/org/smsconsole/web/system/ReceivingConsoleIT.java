package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.smsconsole.web.it.HookReceiver;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receiving, clicked through like staff would against one console in sandbox mode (the sandbox posting MOs to the
 * console's webhook), in order: a customer's SMS arrives from the sandbox panel, the menu counts it, the inbox lists
 * and finds it, opening it reads it for everyone, a reply goes out through the release engine and becomes delivered;
 * a viewer reads without a reply box; an admin edits the keywords and a person's STOP, STOP, help get one
 * confirmation and the help text, with the reason on the Contacts screen; end to end, a campaign goes out, a
 * recipient texts "Stop", is left out of the next campaign until "START", and a subscribed system receives the signed
 * events; the sandbox panel itself. One console for all of it: each start costs tens of seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceivingConsoleIT {

    private static final String ADMIN_PASSWORD = "receiving admin password";
    private static final String CUSTOMER = "+46 70 123 45 67";
    private static final String QUESTION = "Hello, is my parcel coming today?";
    private static final String ANSWER = "Yes, it arrives before noon.";
    private static final String PHONE = "+447400123987";
    private static final String DORA = "+447400555001";
    private static final String ELI = "+447400555002";
    private static final String PLAN = "sandbox-service-plan";
    private static final String TOKEN = "sandbox-api-token";

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "receiving-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", ADMIN_PASSWORD)).start();
        browser = new Browser();
        screens = new ConsoleScreens(browser, console);
        screens.signIn("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.stop();
        }
    }

    @Test
    @Order(1)
    void aCustomerWritesAndStaffReadAndAnswerInTheInbox() {
        browser.open(console.url("/contacts.xhtml"));
        assertEquals("Inbox", menuInbox(), "nothing unread yet");

        browser.click("headerForm:menuSandbox");
        browser.waitForText("Simulate an SMS arriving");
        browser.type("sandboxForm:from", CUSTOMER).type("sandboxForm:text", QUESTION).click("sandboxForm:send");
        browser.waitForText("SMS from +46701234567 received as");
        browser.screenshot("inbox-01-sandbox-sms-sent");

        // The sandbox posts the MO to the console's webhook: any page's menu then counts it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open(console.url("/contacts.xhtml"));
            return "Inbox (1)".equals(menuInbox());
        });
        browser.screenshot("inbox-02-menu-unread");

        browser.click("headerForm:menuInbox");
        browser.waitForText("+46 70 123 45 67");
        assertEquals("/inbox.xhtml", browser.currentPath());
        String row = textOf("inboxForm:conversations:0:open");
        assertTrue(row.contains(QUESTION), row);
        assertEquals("1", textOf("inboxForm:conversations:0:unread"), "the conversation's unread count");
        assertTrue(browser.bodyText().contains("Choose a conversation"));
        browser.screenshot("inbox-03-list");

        browser.type("inboxForm:search", "no such words");
        browser.waitForText("No conversation matches.");
        browser.type("inboxForm:search", "PARCEL");
        browser.awaitAjax();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> textOf("inboxForm:conversations").contains("+46 70 123 45 67"));
        browser.screenshot("inbox-04-search");

        browser.click("inboxForm:conversations:0:open");
        browser.waitForText("Received");
        assertTrue(browser.currentPath().endsWith("/inbox.xhtml"));
        assertEquals("+46 70 123 45 67", textOf("conversationForm:heading"));
        // The page marks it read with a POST of its own once loaded (a GET changes nothing).
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "Inbox".equals(menuInbox()));
        browser.awaitAjax();
        String thread = textOf("conversationForm:thread");
        assertTrue(thread.contains(QUESTION), thread);
        assertFalse(thread.contains("new"), "opened: read");
        assertTrue(textOf("conversationForm:readBy").startsWith("Read by admin at"));
        browser.screenshot("inbox-05-conversation");

        browser.click("conversationForm:send");
        browser.awaitAjax();
        assertEquals("Write a reply first", textOf("conversationForm:replyMessage"));

        browser.byId("conversationForm:reply").sendKeys(ANSWER);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> textOf("conversationForm:counterText")
                .equals("28 characters · GSM-7 · 1 part · 132 characters left in this part"));
        browser.screenshot("inbox-06-reply-typed");
        browser.click("conversationForm:send");
        browser.waitForText("Reply queued");
        assertTrue(textOf("conversationForm:thread").contains(ANSWER), "the reply shows at once");
        assertEquals("", browser.byId("conversationForm:reply").getAttribute("value"));

        // The thread refreshes itself: queued, sent, then the sandbox's delivery report.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> lastOutboundState().equals("delivered"));
        String delivered = textOf("conversationForm:thread");
        assertTrue(delivered.indexOf(QUESTION) < delivered.indexOf(ANSWER), "question, then answer: " + delivered);
        assertTrue(textOf("inboxForm:conversations:0:open").contains("You: " + ANSWER), "the list's snippet is the reply");
        browser.screenshot("inbox-07-reply-delivered");

        browser.click("headerForm:menuSandbox");
        browser.waitForText("Recent batches");
        String batches = textOf("sandboxForm:batches");
        assertTrue(batches.contains("+46701234567") && batches.contains(ANSWER), "the number received the reply: " + batches);
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('sandboxForm:batches').scrollIntoView()");
        browser.screenshot("inbox-08-sandbox-reply-received");
    }

    @Test
    @Order(2)
    void aViewerReadsTheInboxButCannotAnswer() {
        browser.open(console.url("/admin/users.xhtml"));
        browser.type("addUserForm:username", "vic").type("addUserForm:displayName", "Vic Viewer");
        browser.choose("addUserForm:role", "VIEWER");
        browser.type("addUserForm:password", "vic one-time password").click("addUserForm:addUser");
        browser.waitForText("Added vic");
        browser.click("headerForm:logout");
        screens.signIn("vic", "vic one-time password");
        screens.changePassword("vic one-time password", "vic's own password");

        browser.open(console.url("/inbox.xhtml"));
        browser.waitForText("+46 70 123 45 67");
        browser.click("inboxForm:conversations:0:open");
        String page = browser.waitForText("Answering needs the OPERATOR role.");
        assertTrue(textOf("conversationForm:thread").contains(QUESTION), page);
        assertTrue(textOf("conversationForm:thread").contains(ANSWER), page);
        assertTrue(browser.driver().findElements(By.id("conversationForm:reply")).isEmpty(), "no reply box for a viewer");
        assertTrue(browser.driver().findElements(By.id("conversationForm:send")).isEmpty(), "no send button for a viewer");
        assertTrue(page.contains("VIEWER"), page);
        browser.screenshot("inbox-09-viewer");
    }

    @Test
    @Order(3)
    void aStopFromThePanelOptsOutWithOneConfirmationAndStaffSeeWhy() {
        signInAfresh("admin", ADMIN_PASSWORD);

        // Admin › Keywords: the default English set, edited.
        browser.open(console.url("/admin/keywords.xhtml"));
        String page = browser.waitForText("STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT");
        assertTrue(page.contains("START, UNSTOP"), page);
        browser.type("keywordForm:opt_out_words", " ").click("keywordForm:save");
        browser.awaitAjax();
        assertTrue(browser.byId("keywordForm:optOutWordsMessage").getText().contains("At least one word"), "refused next to its field");
        browser.type("keywordForm:opt_out_words", "STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT")
                .type("keywordForm:help_reply", "Clinic help: call 0800 123 456. Reply STOP to opt out, ${name}.")
                .click("keywordForm:save");
        browser.waitForText("Keywords for en saved");
        browser.screenshot("receiving-keywords");

        // A person texts "Stop" twice and then "help" from the sandbox panel.
        browser.open(console.url("/sandbox.xhtml"));
        for (String text : new String[] {"Stop", "STOP", "help"}) {
            browser.type("sandboxForm:from", PHONE).type("sandboxForm:text", text).click("sandboxForm:send");
            browser.awaitAjax();
            browser.waitForText("SMS from " + PHONE + " received as");
        }

        // Contacts: opted out, how, when and what they sent.
        browser.open(console.url("/contacts.xhtml"));
        screens.searchContacts("7400123987");
        browser.waitForTextGone(CUSTOMER); // the inbox's customer, listed until the search has filtered the table
        page = browser.waitForText("via keyword");
        assertTrue(page.contains("Opted out"), page);
        // The sandbox posts each MO on its own: either STOP may arrive first, and that one is the reason.
        assertTrue(page.contains("Sent \"Stop\"") || page.contains("Sent \"STOP\""), "the message that opted them out: " + page);
        browser.screenshot("receiving-contact-opted-out");
        browser.click("contactsForm:contacts:0:edit");
        browser.awaitAjax();
        String change = browser.byId("contactDialogForm:consentChange").getText();
        assertTrue(change.startsWith("Opted out ") && change.endsWith(" via keyword"), "the dialog shows the last change: " + change);
        String reason = browser.byId("contactDialogForm:consent_reason").getAttribute("value");
        assertTrue(reason.startsWith("Sent \"Stop\"") || reason.startsWith("Sent \"STOP\""), "with the message that opted them out: " + reason);
        browser.screenshot("receiving-contact-dialog");

        // Messages: the confirmation once, then the help text as changed.
        browser.open(console.url("/messages.xhtml"));
        page = browser.waitForText("Clinic help: call 0800 123 456. Reply STOP to opt out, .");
        int confirmations = page.split("You are unsubscribed", -1).length - 1;
        assertTrue(confirmations == 1, "one confirmation for two STOPs, found " + confirmations + ":\n" + page);
        assertFalse(page.contains("${name}"), "the reply is rendered for the contact");
        browser.screenshot("receiving-replies");
    }

    @Test
    @Order(4)
    void aRecipientWhoTextsStopIsLeftOutUntilTheyTextStartAndOtherSystemsHearOfIt() throws Exception {
        ConsoleApi api = new ConsoleApi(console, "admin", ADMIN_PASSWORD);
        try (HookReceiver hooks = new HookReceiver()) {
            String secret = api.post("/api/webhooks/subscriptions", "{\"url\":\"" + hooks.url() + "\",\"description\":\"Reminders CRM\","
                    + "\"events\":[\"inbound.received\",\"message.status_changed\",\"contact.opted_out\",\"contact.opted_in\"]}").getString("secret");
            long group = api.post("/api/groups", "{\"name\":\"Dental reminders\"}").getJsonNumber("id").longValue();
            long dora = api.post("/api/contacts", "{\"phone\":\"" + DORA + "\",\"name\":\"Dora\"}").getJsonNumber("id").longValue();
            api.post("/api/contacts", "{\"phone\":\"" + ELI + "\",\"name\":\"Eli\"}");
            api.post("/api/groups/" + group + "/members", "{\"phones\":[\"" + DORA + "\",\"" + ELI + "\"]}");

            long monday = campaign(api, group, "Reminder for Monday");
            awaitCounts(api, monday, 2, 0);
            assertEquals(1, sandboxMessagesTo(DORA), "the reminder reached Dora");

            // Dora answers "Stop" from the sandbox panel: opted out at once, one confirmation.
            textFromThePanel(api, DORA, "Stop");
            await().atMost(Duration.ofSeconds(30)).until(() -> "opted_out".equals(api.get("/api/contacts/" + dora).getString("consent")));
            assertEquals("keyword", api.get("/api/contacts/" + dora).getString("consent_source"));
            await().atMost(Duration.ofSeconds(60)).until(() -> sandboxMessagesTo(DORA) == 2);
            textFromThePanel(api, DORA, "STOP"); // again: changes nothing, confirms nothing

            long tuesday = campaign(api, group, "Reminder for Tuesday");
            awaitCounts(api, tuesday, 1, 1);
            assertEquals(2, sandboxMessagesTo(DORA), "no second confirmation, no Tuesday reminder");
            browser.open(console.url("/campaign.xhtml?id=" + tuesday));
            String page = browser.waitForText("+44 7400 555002 DELIVERED");
            assertTrue(page.contains("+44 7400 555001 SKIPPED Opted out"), "the campaign page says why: " + page);
            browser.screenshot("receiving-20-skipped-after-stop");

            // "START" brings her back, with its own confirmation; the next campaign reaches her again.
            textFromThePanel(api, DORA, "START");
            await().atMost(Duration.ofSeconds(30)).until(() -> "subscribed".equals(api.get("/api/contacts/" + dora).getString("consent")));
            await().atMost(Duration.ofSeconds(60)).until(() -> sandboxMessagesTo(DORA) == 3);
            long wednesday = campaign(api, group, "Reminder for Wednesday");
            awaitCounts(api, wednesday, 2, 0);
            assertEquals(4, sandboxMessagesTo(DORA));

            // The subscriber heard of it all, each request signed with the secret it was given once.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<String> events = hooks.received().stream().map(r -> eventOf(r, secret)).toList();
                assertTrue(events.contains("contact.opted_out " + DORA), events.toString());
                assertTrue(events.contains("contact.opted_in " + DORA), events.toString());
                assertTrue(events.contains("inbound.received " + DORA + " Stop"), events.toString());
                assertTrue(events.contains("message.status_changed " + DORA + " DELIVERED"), events.toString());
            });
        }
    }

    /** "type phone [text or state]" of a received webhook request, after checking its signature. */
    private static String eventOf(HookReceiver.Received r, String secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((r.header("X-Webhook-Timestamp") + "." + r.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("v1=" + java.util.HexFormat.of().formatHex(digest), r.header("X-Webhook-Signature"), "signed with the secret");
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        jakarta.json.JsonObject event = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        jakarta.json.JsonObject data = event.getJsonObject("data");
        String type = event.getString("type");
        return switch (type) {
            case "inbound.received" -> type + " " + data.getString("from") + " " + data.getString("text", "");
            case "message.status_changed" -> type + " " + data.getString("phone") + " " + data.getString("state");
            default -> type + " " + data.getString("phone", "");
        };
    }

    private long campaign(ConsoleApi api, long group, String name) {
        long id = api.post("/api/campaigns", "{\"name\":\"" + name + "\",\"body\":\"Hi ${name}, see you at 9. Reply STOP to opt out.\","
                + "\"group_ids\":[" + group + "]}").getJsonNumber("id").longValue();
        api.post("/api/campaigns/" + id + "/schedule", "{}");
        return id;
    }

    private void awaitCounts(ConsoleApi api, long campaign, int delivered, int skipped) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            jakarta.json.JsonObject counts = api.get("/api/campaigns/" + campaign).getJsonObject("counts");
            assertEquals(delivered, counts.getInt("delivered"), counts.toString());
            assertEquals(skipped, counts.getInt("skipped"), counts.toString());
        });
    }

    /** A person texts from the sandbox panel; waits until the console has stored it. */
    private void textFromThePanel(ConsoleApi api, String phone, String text) {
        String from = java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8);
        long before = api.get("/api/inbound?from=" + from).getJsonNumber("count").longValue();
        browser.open(console.url("/sandbox.xhtml"));
        browser.waitForText("Simulate an SMS arriving");
        browser.type("sandboxForm:from", phone).type("sandboxForm:text", text).click("sandboxForm:send");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/inbound?from=" + from).getJsonNumber("count").longValue() == before + 1);
    }

    /** What the sandbox (Sinch) accepted for this number so far. */
    private long sandboxMessagesTo(String phone) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(console.url("/sandbox/control/counters"))
                        .header("Authorization", "Bearer sandbox-api-token").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        jakarta.json.JsonObject per = jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject()
                .getJsonObject("messages_per_recipient");
        jakarta.json.JsonNumber n = per.getJsonNumber(phone.replace("+", ""));
        return n == null ? 0 : n.longValue();
    }

    @Test
    @Order(5)
    void staffSimulateAnInboundSmsAndSeeItListed() throws Exception {
        HttpResponse<String> batch = sinch("POST", "batches",
                "{\"to\":[\"+46701234567\",\"+46701234666\"],\"body\":\"Try a campaign\",\"client_reference\":\"panel-demo\"}");
        assertEquals(201, batch.statusCode(), batch.body());

        signInAfresh("admin", ADMIN_PASSWORD);
        browser.click("headerForm:menuSandbox");
        String page = browser.waitForText("Point any Sinch SMS client here");
        assertEquals("/sandbox.xhtml", browser.currentPath());
        assertTrue(page.contains(console.url("/sandbox").toString()), page);
        assertTrue(page.contains(PLAN) && page.contains(TOKEN), "the made-up credentials are shown");
        assertTrue(page.contains("panel-demo"), "the recent batch is listed");
        // The panel shows statuses as they were when it was drawn (final ones come a second after the batch): reload.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open(console.url("/sandbox.xhtml"));
            return browser.waitForText("Recent batches").contains("1 Delivered, 1 Failed");
        });
        assertTrue(browser.bodyText().contains("panel-demo"), "its recipients reached final statuses");

        browser.type("sandboxForm:from", "+46 70 765 43 21").type("sandboxForm:text", "Hello from a phone")
                .click("sandboxForm:send");
        browser.awaitAjax();
        page = browser.waitForText("SMS from +46707654321 received as");
        assertTrue(browser.byId("sandboxForm:inbounds").getText().contains("Hello from a phone"), page);
        assertTrue(browser.byId("sandboxForm:inbounds").getText().contains("+46707654321"), page);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('sandboxForm:simulate').scrollIntoView()");
        browser.screenshot("sandbox-panel-inbound");

        HttpResponse<String> inbounds = sinch("GET", "inbounds", null);
        assertTrue(inbounds.body().contains("\"body\":\"Hello from a phone\""), inbounds.body());
        assertTrue(inbounds.body().contains("\"from\":\"46707654321\""), inbounds.body());

        browser.type("sandboxForm:from", "12").type("sandboxForm:text", "bad").click("sandboxForm:send");
        browser.awaitAjax();
        assertTrue(browser.waitForText("not a possible international number").contains("sandbox"), "a bad number is refused on the page");
    }

    /** Signs out whoever is signed in (the session cookie goes) and signs in as {@code user}. */
    private void signInAfresh(String user, String password) {
        browser.driver().manage().deleteAllCookies();
        screens.signIn(user, password);
    }

    /** An element's text; the page's polls re-render parts of it, so a reference may go stale between finding and reading. */
    private String textOf(String id) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.byId(id).getText(), text -> true);
    }

    private String menuInbox() {
        return textOf("headerForm:menuInbox").strip();
    }

    private String lastOutboundState() {
        var states = browser.driver().findElements(By.cssSelector("#conversationForm\\:thread .inbox-out .inbox-state"));
        return states.isEmpty() ? "" : states.get(states.size() - 1).getText();
    }

    private HttpResponse<String> sinch(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url("/sandbox/xms/v1/" + PLAN + "/" + path))
                .header("Authorization", "Bearer " + TOKEN);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
