package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings, composing a message, the message log and the sending-halted banner, clicked through like a
 * person would, against one console process on H2 in sandbox mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SendingConsoleIT {

    private static final String ADMIN_PASSWORD = "sending admin password";

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "sending-" + System.currentTimeMillis());
        // SMS_DEFAULT_COUNTRY comes from the environment: the Settings screen must show it read-only.
        // The sandbox's credentials are named here so that the tests can type them as a real token would be typed.
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", ADMIN_PASSWORD, "SMS_DEFAULT_COUNTRY", "GB",
                "SMS_SANDBOX_SERVICE_PLAN_ID", "sandbox-service-plan", "SMS_SANDBOX_API_TOKEN", "sandbox-api-token")).start();
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
    void settingsTestTheConnectionWithTheValuesOnTheFormAndSayWhatWentWrong() {
        browser.open(console.url("/admin/settings.xhtml"));
        String page = browser.waitForText("Sinch connection");
        assertTrue(page.contains("Sandbox mode: no API token and no key secret"), page);
        assertTrue(page.contains("Sandbox mode: no Sinch credentials are configured"), "the sandbox banner");
        assertTrue(page.contains("set by SMS_DEFAULT_COUNTRY"), page);
        WebElement country = browser.byId("settingsForm:DEFAULT_COUNTRY");
        assertEquals("GB", country.getAttribute("value"));
        assertTrue(country.getAttribute("readonly") != null, "a value from the environment is read-only");
        browser.screenshot("40-settings-sandbox");

        browser.type("settingsForm:SINCH_BASE_URL", console.url("/sandbox").toString())
                .type("settingsForm:SINCH_SERVICE_PLAN_ID", "sandbox-service-plan")
                .type("settingsForm:SINCH_API_TOKEN", "not-the-token")
                .click("settingsForm:testConnection");
        String refused = browser.waitForText("Sinch refused the credentials (401");
        browser.screenshot("41-settings-test-401");
        assertFalse(refused.contains("not-the-token"), "a secret is never shown");

        browser.type("settingsForm:SINCH_API_TOKEN", "sandbox-api-token").click("settingsForm:testConnection");
        browser.waitForText("Sinch accepted the credentials");
        browser.screenshot("42-settings-test-ok");

        browser.type("settingsForm:SINCH_BASE_URL", "http://127.0.0.1:1/sinch").click("settingsForm:testConnection");
        browser.waitForText("No answer from http://127.0.0.1:1/sinch");
        assertTrue(browser.bodyText().contains("connection refused"), browser.bodyText());
    }

    @Test
    @Order(2)
    void aStoredTokenLeavesSandboxModeIsNeverShownAndCanBeRemoved() throws Exception {
        browser.open(console.url("/admin/settings.xhtml"));
        browser.type("settingsForm:SINCH_BASE_URL", console.url("/sandbox").toString())
                .type("settingsForm:SINCH_SERVICE_PLAN_ID", "sandbox-service-plan")
                .type("settingsForm:SINCH_API_TOKEN", "sandbox-api-token")
                .click("settingsForm:save");
        String saved = browser.waitForText("Settings saved.");
        assertFalse(saved.contains("Sandbox mode"), "stored credentials alone leave sandbox mode");
        assertTrue(saved.contains("Stored (not shown)"), saved);
        assertFalse(browser.driver().getPageSource().contains("sandbox-api-token\""), "the token is never sent back");
        assertEquals("", browser.byId("settingsForm:SINCH_API_TOKEN").getAttribute("value"));
        browser.screenshot("43-settings-token-stored");
        assertTrue(api("GET", "/api/sending", null).body().contains("\"sandbox\":false"));

        // Real Sinch without a webhook secret: the page says plainly that callbacks are not signed, and gives the secret URL.
        assertTrue(browser.byId("settingsForm:unsignedWarning").getText().contains("Callbacks are not signed"), saved);
        assertTrue(browser.byId("settingsForm:callbackUrl").getText().matches("<SMS_PUBLIC_URL>/api/webhooks/sinch/[A-Za-z0-9]{32}"),
                browser.byId("settingsForm:callbackUrl").getText());
        browser.screenshot("43b-settings-callbacks-unsigned");

        // The sandbox is off now that real Sinch is configured: nothing can be made to arrive through it.
        assertEquals(404, api("POST", "/sandbox/control/inbounds", "{\"from\":\"+447400123456\",\"body\":\"STOP\"}").statusCode());
        browser.open(console.url("/sandbox.xhtml"));
        assertTrue(browser.waitForText("The sandbox is off").contains("real Sinch is configured"));

        // "Test connection" with another address never sends the stored token there: it asks for the token again.
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer elsewhere = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        elsewhere.start();
        try {
            browser.open(console.url("/admin/settings.xhtml"));
            browser.waitForText("Sinch connection");
            browser.type("settingsForm:SINCH_BASE_URL", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/collector")
                    .click("settingsForm:testConnection");
            browser.awaitAjax();
            String asked = browser.byId("settingsForm:SINCH_API_TOKENMessage").getText();
            assertTrue(asked.contains("type the API token again"), asked);
            assertTrue(browser.bodyText().contains("Not tested"), browser.bodyText());
            browser.screenshot("43c-settings-test-asks-for-the-token");
            assertEquals(java.util.List.of(), seen, "nothing, and no token, reached the typed address");

            browser.type("settingsForm:SINCH_API_TOKEN", "typed-for-this-test").click("settingsForm:testConnection");
            browser.waitForText("Sinch refused the credentials (401");
            assertEquals(java.util.List.of("Bearer typed-for-this-test"), seen, "only what was typed for it");
        } finally {
            elsewhere.stop(0);
        }
        browser.open(console.url("/admin/settings.xhtml"));
        browser.waitForText("Sinch connection");

        browser.click("settingsForm:SINCH_API_TOKENForget");
        browser.waitForText("Removed the stored SMS_SINCH_API_TOKEN.");
        browser.open(console.url("/admin/settings.xhtml"));
        assertTrue(browser.waitForText("Sinch connection").contains("Sandbox mode: no API token"));

        browser.open(console.url("/admin/audit.xhtml"));
        String audit = browser.waitForText("SETTING_CHANGED");
        assertTrue(audit.contains("SMS_SINCH_API_TOKEN"), audit);
        assertFalse(audit.contains("sandbox-api-token"), "the audit log names the secret, never its value");
    }

    @Test
    @Order(3)
    void sendersAreCheckedAndStored() {
        browser.open(console.url("/admin/settings.xhtml"));
        browser.type("settingsForm:SENDERS", "ACME\nfar too long a sender").click("settingsForm:save");
        assertTrue(browser.waitForText("A sender is a phone number").contains("A sender is a phone number"));
        assertTrue(browser.byId("settingsForm:SENDERSMessage").getText().contains("up to 11 letters"));
        browser.type("settingsForm:SENDERS", "ACME\n447700900100").type("settingsForm:QUIET_HOURS_FROM", "21:00")
                .type("settingsForm:QUIET_HOURS_TO", "08:00").click("settingsForm:save");
        browser.waitForText("Settings saved.");
        assertEquals("ACME\n447700900100", browser.byId("settingsForm:SENDERS").getAttribute("value"));
        browser.screenshot("44-settings-senders");
    }

    @Test
    @Order(4)
    void aComposedMessageGoesThroughTheLogToDelivered() throws Exception {
        browser.open(console.url("/compose.xhtml"));
        browser.waitForText("Compose a message");
        browser.byId("composeForm:to_input").sendKeys("07400 123457", Keys.TAB);
        browser.awaitAjax();
        browser.byId("composeForm:body").sendKeys("Hello from the console, ${phone}");
        browser.waitForText("Hello from the console, +447400123457");
        assertTrue(browser.byId("composeForm:counterText").getText().contains("GSM-7 · 1 part"), browser.byId("composeForm:counterText").getText());
        browser.choose("composeForm:from", "ACME");
        browser.screenshot("45-compose");
        browser.click("composeForm:send");
        String log = browser.waitForText("to +447400123457 is QUEUED");
        assertEquals("/messages.xhtml", browser.currentPath(), log);
        browser.screenshot("46-message-log-queued");
        // The sandbox accepts it within a tick or two and posts its delivery report about a second later
        // to the console's webhook; the table refreshes itself.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> firstState().equals("DELIVERED"));
        assertTrue(browser.bodyText().contains("Hello from the console, +447400123457"));
        browser.screenshot("47-message-log-delivered");
        String sent = api("GET", "/api/messages", null).body();
        assertTrue(sent.contains("ACME"), "the sender picked: " + sent);
    }

    @Test
    @Order(5)
    void badInputShowsNextToItsFieldAndQueuesNothing() throws Exception {
        String before = api("GET", "/api/messages", null).body();
        browser.open(console.url("/compose.xhtml"));
        browser.byId("composeForm:to_input").sendKeys("12", Keys.TAB);
        browser.byId("composeForm:body").sendKeys("Not for anyone");
        clickSettled("composeForm:send");
        browser.awaitAjax();
        String toError = browser.byId("composeForm:toMessage").getText();
        assertFalse(toError.isBlank(), "the number's error shows next to it");
        browser.screenshot("48-compose-bad-number");

        WebElement to = browser.byId("composeForm:to_input");
        to.clear();
        to.sendKeys("07400 123458", Keys.TAB);
        browser.awaitAjax();
        browser.type("composeForm:send_at", "2030-01-02 10:00").type("composeForm:expire_at", "2030-01-02 09:00");
        browser.screenshot("49-compose-times-typed");
        clickSettled("composeForm:send");
        browser.waitForText("expire_at must be after send_at");
        assertTrue(browser.byId("composeForm:expire_atMessage").getText().contains("expire_at must be after send_at"));
        assertEquals("/compose.xhtml", browser.currentPath());
        browser.screenshot("49-compose-expiry-before-send");
        assertFalse(browser.bodyText().contains("is QUEUED"));
        assertEquals(before, api("GET", "/api/messages", null).body(), "nothing queued");
    }

    @Test
    @Order(6)
    void aHaltShowsTheBannerWithTheReasonOnEveryPage() throws Exception {
        patchSandbox("{\"fault_status\":401,\"fault_next_requests\":50}");
        try {
            browser.open(console.url("/compose.xhtml"));
            browser.byId("composeForm:to_input").sendKeys("07400 123459", Keys.TAB);
            browser.byId("composeForm:body").sendKeys("Into the halt");
            browser.click("composeForm:send");
            // The message log lists it (the "is QUEUED" notice may already be gone with the halt's re-render).
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "/messages.xhtml".equals(browser.currentPath()) && browser.bodyText().contains("Into the halt"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> browser.bodyText().contains("Sending halted"));
            // The banner is replaced by its poll every few seconds: read the page's text, not an element.
            String banner = browser.waitForText("Reason:");
            assertTrue(banner.contains("401"), banner);
            browser.screenshot("50-sending-halted");
            browser.open(console.url("/contacts.xhtml"));
            assertTrue(browser.waitForText("Sending halted").contains("401"), "the banner is on every page");
            String queued = api("GET", "/api/messages?state=queued", null).body();
            assertTrue(queued.contains("\"body\":\"Into the halt\""), "a halt fails nothing: the message waits, queued: " + queued);
        } finally {
            patchSandbox("{\"fault_next_requests\":0}");
        }
        browser.open(console.url("/messages.xhtml"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !browser.bodyText().contains("Sending halted") && firstState().matches("SENT|DELIVERED"));
        browser.screenshot("51-sending-resumed");
    }

    /** The newest message's state; the table is re-rendered every 2 s, so an element found may be gone a moment later. */
    private String firstState() {
        try {
            return browser.driver().findElements(By.cssSelector("[id$=':state']")).stream().findFirst().map(WebElement::getText).orElse("");
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    /** Clicks once the page's ajax has settled; an element re-rendered at that moment is found again. */
    private void clickSettled(String id) {
        browser.awaitAjax();
        try {
            browser.click(id);
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            browser.click(id);
        }
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url(path)).header("Authorization", basic);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sandbox's control API is for staff with OPERATOR: the admin's Basic credentials. */
    private void patchSandbox(String json) throws Exception {
        HttpResponse<String> r = api("PATCH", "/sandbox/control/settings", json);
        assertEquals(200, r.statusCode(), r.body());
    }
}
