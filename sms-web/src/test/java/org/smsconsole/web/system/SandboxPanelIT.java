package org.smsconsole.web.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sandbox panel as staff use it in a console without Sinch credentials: the menu leads to it,
 * it shows where to point a Sinch client and what the sandbox received, and an SMS "arrives"
 * from the form and is then listed, both on the page and through the Sinch API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxPanelIT {
    private static final String PASSWORD = "a long enough admin password";
    private static final String PLAN = "sandbox-service-plan";
    private static final String TOKEN = "sandbox-api-token";

    private ConsoleProcess console;
    private Browser browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "sandbox-panel-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", PASSWORD)).start();
        browser = new Browser();
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

    private HttpResponse<String> sinch(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url("/sandbox/xms/v1/" + PLAN + "/" + path))
                .header("Authorization", "Bearer " + TOKEN);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void staffSimulateAnInboundSmsAndSeeItListed() throws Exception {
        HttpResponse<String> batch = sinch("POST", "batches",
                "{\"to\":[\"+46701234567\",\"+46701234666\"],\"body\":\"Try a campaign\",\"client_reference\":\"panel-demo\"}");
        assertEquals(201, batch.statusCode(), batch.body());

        new ConsoleScreens(browser, console).signIn("admin", PASSWORD);
        browser.click("headerForm:menuSandbox");
        String page = browser.waitForText("Point any Sinch SMS client here");
        assertEquals("/sandbox.xhtml", browser.currentPath());
        assertTrue(page.contains(console.url("/sandbox").toString()), page);
        assertTrue(page.contains(PLAN) && page.contains(TOKEN), "the made-up credentials are shown");
        assertTrue(page.contains("panel-demo"), "the recent batch is listed");
        assertTrue(browser.waitForText("1 Delivered, 1 Failed").contains("panel-demo"), "its recipients reached final statuses");

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
}
