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
import org.openqa.selenium.WebElement;
import org.smsconsole.web.it.HookReceiver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Templates, users, roles, API keys, outgoing webhooks and the audit log, in the browser and over the REST API,
 * against one console process on H2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffAdministrationIT {

    private static final String ADMIN_PASSWORD = "staff admin password";

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String operatorKey;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "staff-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", ADMIN_PASSWORD, "SMS_DEFAULT_COUNTRY", "GB")).start();
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
    void theTemplateEditorCountsPartsLiveAndSwitchesToUcs2ForAnEmoji() {
        browser.open(console.url("/contacts.xhtml"));
        screens.addContact("Ada", "07400 123456");
        browser.waitForText("+44 7400 123456");

        browser.open(console.url("/templates.xhtml"));
        browser.type("templateForm:name", "Reminder");
        typeBody("Hi ${name}, see you tomorrow at 10.");
        assertEquals("35 characters · GSM-7 · 1 part · 123 characters left in this part", counter());

        appendToBody(" \uD83D\uDE00"); // an emoji, which ChromeDriver cannot type: set as a paste would
        browser.waitForText("UCS-2");
        assertTrue(counter().startsWith("38 characters · UCS-2 · 1 part · 32 units left"), counter());
        assertTrue(browser.bodyText().contains("These characters force UCS-2"));
        browser.screenshot("10-template-ucs2");

        typeBody("Hi ${name}, it\u2019s \u201Cconfirmed\u201D \u2014 see you at ${venue}.");
        browser.waitForText("Replace with GSM equivalents");
        assertTrue(browser.waitForText("No contact has a value for ${venue}").contains("UCS-2"));
        browser.click("templateForm:replaceWithGsm");
        browser.waitForText("GSM-7");
        assertEquals("Hi ${name}, it's \"confirmed\" - see you at ${venue}.", browser.byId("templateForm:body").getAttribute("value"));

        WebElement contact = browser.byId("templateForm:previewContact_input");
        contact.sendKeys("Ada");
        browser.find(".ui-autocomplete-item").click();
        browser.waitForText("Hi Ada, it's \"confirmed\" - see you at ${venue}.");

        browser.click("templateForm:save");
        browser.waitForText("Saved template Reminder");
        assertTrue(browser.byId("listForm:templates").getText().contains("Reminder"));
        browser.screenshot("11-template-saved");
    }

    @Test
    @Order(2)
    void anAdminAddsAViewerWhoFindsNoEditButtons() {
        browser.open(console.url("/admin/users.xhtml"));
        browser.type("addUserForm:username", "vera").type("addUserForm:displayName", "Vera Viewer");
        browser.choose("addUserForm:role", "VIEWER");
        browser.type("addUserForm:password", "short").click("addUserForm:addUser");
        browser.awaitAjax();
        assertEquals("A password has at least 12 characters", browser.byId("addUserForm:passwordMessage").getText());
        browser.type("addUserForm:password", "vera one-time password").click("addUserForm:addUser");
        browser.waitForText("Added vera");
        assertTrue(browser.byId("usersForm:users").getText().contains("VIEWER"));
        browser.screenshot("12-users");

        browser.click("headerForm:logout");
        screens.signIn("vera", "vera one-time password");
        screens.changePassword("vera one-time password", "vera's own password");
        browser.open(console.url("/contacts.xhtml"));
        String contacts = browser.waitForText("Ada");
        assertTrue(contacts.contains("VIEWER"));
        assertTrue(browser.driver().findElements(By.id("contactsForm:addContact")).isEmpty(), "no Add button for a viewer");
        assertTrue(browser.driver().findElements(By.cssSelector("[id$=':edit']")).isEmpty(), "no Edit buttons for a viewer");
        assertFalse(contacts.contains("Admin"), "no admin menu for a viewer");
        browser.screenshot("13-viewer-contacts");

        browser.open(console.url("/templates.xhtml"));
        browser.waitForText("Reminder");
        assertTrue(browser.driver().findElements(By.id("templateForm:save")).isEmpty(), "no Save for a viewer");

        // The sandbox screen: a viewer sees what it holds, but neither its token nor the form that makes an SMS arrive.
        browser.open(console.url("/sandbox.xhtml"));
        String sandbox = browser.waitForText("Recent batches");
        assertFalse(sandbox.contains("Simulate an SMS arriving"), "no simulate form for a viewer");
        assertTrue(browser.byId("sandboxForm:apiTokenHidden").getText().contains("Shown to operators"), sandbox);
        assertTrue(browser.driver().findElements(By.id("sandboxForm:apiToken")).isEmpty(), "no token on the page");
        browser.screenshot("13b-viewer-sandbox");

        browser.open(console.url("/admin/users.xhtml"));
        assertFalse(browser.bodyText().contains("Add a user"), "the users screen is closed to a viewer");
        browser.open(console.url("/contacts.xhtml"));
        browser.click("headerForm:logout");
        screens.signIn("admin", ADMIN_PASSWORD);
    }

    @Test
    @Order(3)
    void apiKeysActInTheirRoleAndStopWorkingWhenRevoked() throws Exception {
        operatorKey = createKey("ci robot", "OPERATOR");
        String viewerKey = createKey("dashboard", "VIEWER");
        browser.screenshot("14-api-key-created");

        HttpResponse<String> created = send("POST", "/api/templates", "Bearer " + operatorKey,
                "{\"name\":\"From the API\",\"body\":\"Your code is ${code}\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"name\":\"From the API\""), created.body());
        assertTrue(created.headers().firstValue("Set-Cookie").isEmpty(), "the API never opens a session");

        HttpResponse<String> forbidden = send("POST", "/api/templates", "Bearer " + viewerKey, "{\"name\":\"x\",\"body\":\"y\"}");
        assertEquals(403, forbidden.statusCode());
        assertEquals("application/problem+json", forbidden.headers().firstValue("Content-Type").orElse(""));
        assertEquals(200, send("GET", "/api/templates", "Bearer " + viewerKey, null).statusCode());

        browser.open(console.url("/admin/api-keys.xhtml"));
        browser.driver().findElements(By.cssSelector("[id$=':revoke']")).get(1).click(); // newest first: "ci robot" is second
        browser.waitForText("Revoked the key ci robot");
        assertEquals(401, send("GET", "/api/templates", "Bearer " + operatorKey, null).statusCode());
        assertEquals(401, send("GET", "/api/templates", "Bearer smsk_nothing_here", null).statusCode());
    }

    @Test
    @Order(4)
    void theTemplatesApiRefusesBadInputAndChangesNothing() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> list = send("GET", "/api/templates", basic, null);
        assertEquals(200, list.statusCode(), list.body());
        String before = list.body();
        assertTrue(before.contains("\"count\":2"), before);

        HttpResponse<String> malformed = send("POST", "/api/templates", basic, "{\"name\": \"broken\", ");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals("application/problem+json", malformed.headers().firstValue("Content-Type").orElse(""));

        HttpResponse<String> tooLong = send("POST", "/api/templates", basic, "{\"name\":\"" + "n".repeat(101) + "\",\"body\":\"b\"}");
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("\"field\":\"name\""), tooLong.body());

        HttpResponse<String> noBody = send("POST", "/api/templates", basic, "{\"name\":\"Empty\"}");
        assertEquals(400, noBody.statusCode());
        assertTrue(noBody.body().contains("\"field\":\"body\""), noBody.body());

        HttpResponse<String> duplicate = send("POST", "/api/templates", basic, "{\"name\":\"reminder\",\"body\":\"again\"}");
        assertEquals(400, duplicate.statusCode());

        assertEquals(404, send("GET", "/api/templates/999999", basic, null).statusCode());
        assertEquals(404, send("PUT", "/api/templates/999999", basic, "{\"name\":\"a\",\"body\":\"b\"}").statusCode());
        assertEquals(400, send("GET", "/api/templates?page_size=1000", basic, null).statusCode());
        assertEquals(401, send("GET", "/api/templates", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes()), null).statusCode());

        assertEquals(before, send("GET", "/api/templates", basic, null).body(), "nothing changed");

        HttpResponse<String> openApi = http.send(HttpRequest.newBuilder(console.url("/openapi")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openApi.statusCode());
        for (String path : new String[]{"/templates/preview:", "/contacts/{id}/erase:", "/groups/{id}/members:", "/jobs/{id}:", "/health:"}) {
            assertTrue(openApi.body().contains("  " + path), path + " is documented");
        }

        HttpResponse<String> preview = send("POST", "/api/templates/preview", basic, "{\"body\":\"Caf\u00e9 \u20ac5 \u2014 ok\"}");
        assertEquals(200, preview.statusCode(), preview.body());
        assertTrue(preview.body().contains("\"encoding\":\"UCS2\"") && preview.body().contains("\"parts\":1"), preview.body());
        assertTrue(preview.body().contains("\"gsm_replacements\":{\"\u2014\":\"-\"}"), preview.body());
    }

    @Test
    @Order(5)
    void operatorsKeepASuppressionListWithRefusedLinesReported() {
        browser.open(console.url("/suppressions.xhtml"));
        browser.type("addForm:phone", "+1 555 12").click("addForm:add");
        browser.awaitAjax();
        assertEquals("'+1 555 12' is not a valid phone number", browser.byId("addForm:phoneMessage").getText());
        browser.type("addForm:phone", "07400 111222").type("addForm:reason", "complaint by phone").click("addForm:add");
        browser.waitForText("+44 7400 111222 is on the suppression list");

        browser.type("importForm:list", "number,name\n+44 7400 222333,Bo\nnot a number,X\n07400 111222,again\n\n+1 555 12,bad");
        browser.click("importForm:import");
        String page = browser.waitForText("1 added, 1 already listed, 2 refused");
        assertTrue(page.contains("not a number"), page);
        WebElement refused = browser.byId("importForm:refused");
        assertTrue(refused.getText().contains("3") && refused.getText().contains("6"), "line numbers of the refused lines: " + refused.getText());
        assertTrue(browser.byId("listForm:numbers").getText().contains("+44 7400 222333"));
        browser.screenshot("16-suppression-list");
    }

    @Test
    @Order(6)
    void aContactsDataIsExportedAndTheContactErasedForGood() throws Exception {
        browser.open(console.url("/contacts.xhtml"));
        screens.addContact("Ernest", "07400 999888");
        browser.waitForText("+44 7400 999888");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String found = send("GET", "/api/contacts?q=999888", basic, null).body();
        String id = found.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        HttpResponse<String> data = send("GET", "/api/contacts/" + id + "/personal-data", basic, null);
        assertEquals(200, data.statusCode(), data.body());
        assertTrue(data.body().contains("\"phone\":\"+447400999888\"") && data.body().contains("CONTACT_CREATED"), data.body());

        screens.searchContacts("999888");
        browser.waitForTextGone("Ada");
        browser.click("contactsForm:contacts:0:erase");
        browser.click("contactsForm:confirmYes");
        browser.waitForText("Erased contact " + id + " for good");
        assertEquals(404, send("GET", "/api/contacts/" + id + "/personal-data", basic, null).statusCode());
        browser.screenshot("17-contact-erased");
    }

    @Test
    @Order(7)
    void theAuditLogShowsWhoDidWhatAndCanBeSearched() {
        browser.open(console.url("/admin/audit.xhtml"));
        String page = browser.waitForText("TEMPLATE_CREATED");
        for (String action : new String[]{"LOGIN", "CONTACT_CREATED", "USER_CREATED", "PASSWORD_CHANGED", "API_KEY_CREATED",
                "API_KEY_REVOKED", "SUPPRESSION_ADDED", "SUPPRESSION_IMPORTED", "CONTACT_DATA_EXPORTED", "CONTACT_ERASED"}) {
            assertTrue(page.contains(action), action + " in " + page);
        }
        browser.type("auditForm:search", "vera");
        browser.waitForTextGone("TEMPLATE_CREATED");
        assertTrue(browser.bodyText().contains("USER_CREATED"));
        browser.type("auditForm:search", "999888");
        browser.waitForText("Nothing recorded yet.");
        browser.type("auditForm:search", "");
        browser.driver().findElement(By.id("auditForm:search")).sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
        browser.waitForText("CONTACT_ERASED");
        browser.screenshot("15-audit-log");
    }

    @Test
    @Order(8)
    void anAdminSubscribesAReceiverSeesTheSecretOnceAndATestEventDelivered() throws Exception {
        try (HookReceiver receiver = new HookReceiver()) {
            browser.open(console.url("/admin/webhooks.xhtml"));
            browser.waitForText("No webhook subscriptions yet.");
            browser.type("subscriptionForm:url", "ftp://example.com/hooks").click("subscriptionForm:save");
            browser.awaitAjax();
            assertEquals("Only http and https addresses can receive webhooks", browser.byId("subscriptionForm:urlMessage").getText());
            assertTrue(browser.bodyText().contains("No webhook subscriptions yet."), "nothing was added");

            // The receiver is on this machine, which webhooks may not reach until an admin allows the host.
            browser.type("subscriptionForm:url", receiver.url()).click("subscriptionForm:save");
            browser.awaitAjax();
            String refused = browser.byId("subscriptionForm:urlMessage").getText();
            assertTrue(refused.contains("is loopback (this machine): webhooks may not reach inside"), refused);
            assertTrue(browser.bodyText().contains("No webhook subscriptions yet."), "nothing was added");
            browser.screenshot("17b-webhook-inside-refused");
            browser.open(console.url("/admin/settings.xhtml"));
            browser.type("settingsForm:WEBHOOK_ALLOWED_HOSTS", "127.0.0.1").click("settingsForm:save");
            browser.waitForText("Settings saved.");
            assertEquals("127.0.0.1", browser.byId("settingsForm:WEBHOOK_ALLOWED_HOSTS").getAttribute("value"));
            browser.open(console.url("/admin/webhooks.xhtml"));
            browser.waitForText("No webhook subscriptions yet.");

            browser.type("subscriptionForm:url", receiver.url()).type("subscriptionForm:description", "Helpdesk <b>CRM</b>");
            browser.click("subscriptionForm:save");
            String page = browser.waitForText("Copy it now; it is not shown again");
            String secret = browser.find("#shownSecret").getText().strip();
            assertTrue(secret.matches("whsec_[A-Za-z0-9]{32}"), secret);
            assertTrue(page.contains("Helpdesk <b>CRM</b>"), "the description is shown as text, escaped");
            assertTrue(page.contains("Inbound message, Delivery status change, Opt-out"), page);
            browser.screenshot("18-webhook-secret-shown-once");

            browser.open(console.url("/admin/webhooks.xhtml"));
            page = browser.waitForText(receiver.url());
            assertFalse(page.contains(secret), "the secret is not shown again");
            assertTrue(page.contains("whsec_…" + secret.substring(secret.length() - 4)), page);

            browser.click("subscriptionsForm:subscriptions:0:test");
            browser.waitForText("Queued a test event");
            browser.waitForText("DELIVERED");
            WebElement table = browser.byId("deliveriesForm:deliveryTable");
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", table);
            String log = table.getText();
            assertTrue(log.contains("webhook.test") && log.contains("HTTP 200"), log);
            assertEquals("1", browser.byId("deliveriesForm:deliveryTable:0:attempts").getText());
            browser.screenshot("19-webhook-test-delivered");

            assertEquals(1, receiver.received().size());
            HookReceiver.Received hook = receiver.received().get(0);
            assertTrue(hook.body().contains("\"type\":\"webhook.test\""), hook.body());
            assertTrue(org.smsconsole.webhook.EventSignature.verify(secret, hook.header("X-Webhook-Timestamp"), hook.body(),
                    hook.header("X-Webhook-Signature")), "signed with the secret the page showed");
            assertTrue(log.contains(hook.header("X-Webhook-Id")), "the log names the event the receiver got");

            browser.open(console.url("/admin/audit.xhtml"));
            String audit = browser.waitForText("WEBHOOK_TEST_SENT");
            assertTrue(audit.contains("WEBHOOK_CREATED"));
            assertFalse(audit.contains(secret), "the audit log never holds the secret");
        }
    }

    private String createKey(String name, String role) {
        browser.open(console.url("/admin/api-keys.xhtml"));
        browser.type("createKeyForm:name", name);
        browser.choose("createKeyForm:role", role);
        browser.click("createKeyForm:createKey");
        browser.waitForText("Copy this key now");
        return browser.find("#createdKey").getText().strip();
    }

    private void typeBody(String text) {
        browser.type("templateForm:body", text);
        browser.awaitAjax();
        browser.waitForText(text.length() + " characters");
    }

    private void appendToBody(String text) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "var b = document.getElementById('templateForm:body'); b.value += arguments[0];"
                        + " b.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));", text);
    }

    private String counter() {
        return browser.byId("templateForm:counterText").getText();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url(path).toString()))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
