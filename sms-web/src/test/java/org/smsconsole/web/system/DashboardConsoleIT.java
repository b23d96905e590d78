package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard (the landing page) and the retention setting in headless Chromium against one console process
 * (H2, the built-in sandbox reporting back through the webhook, the real release engine): first its empty states,
 * then real traffic (messages delivered and failed by the sandbox, a reply simulated at the sandbox, an opt-out,
 * a scheduled campaign) as the figures and lists show it, in the browser's time zone; then Admin › Settings'
 * retention field with a refused value next to the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardConsoleIT {

    private static final String PASSWORD = "dashboard admin password";
    /** The browser's zone (set through Chromium's DevTools), not the console's: the page must use the viewer's. */
    private static final String VIEWER_ZONE = "Australia/Adelaide"; // UTC+09:30 or +10:30: its days are not UTC's

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "dashboard-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", PASSWORD, "SMS_DEFAULT_COUNTRY", "GB")).start();
        browser = new Browser();
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", VIEWER_ZONE));
        screens = new ConsoleScreens(browser, console);
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
    void afterSignInTheDashboardSaysWhatToDoWhileThereIsNothingToShow() {
        screens.signIn("admin", PASSWORD);
        assertEquals("/dashboard.xhtml", browser.currentPath(), "the dashboard is the landing page");
        String page = browser.waitForText("No messages sent or received in the last 14 days.");
        assertTrue(page.contains("Compose a message or create a campaign"), page);
        assertTrue(page.contains("No campaign is running or scheduled."), page);
        assertTrue(page.contains("No replies yet."), page);
        assertTrue(page.contains("Nobody has opted out."), page);
        assertEquals("–", browser.byId("dashboardForm:deliveryRate").getText(), "no rate without a final report");
        assertEquals("Days and times in " + VIEWER_ZONE + ".", browser.byId("dashboardForm:zone").getText());
        browser.screenshot("dashboard-01-empty");
    }

    @Test
    @Order(2)
    void theFiguresListsAndChartFollowWhatWasSentReceivedAndOptedOut() throws Exception {
        post("/api/contacts", "{\"phone\":\"07400 500001\",\"name\":\"Ann\"}");
        post("/api/contacts", "{\"phone\":\"07400 500666\",\"name\":\"Fay\"}"); // the sandbox fails numbers ending in 666
        post("/api/contacts", "{\"phone\":\"07400 500003\",\"name\":\"Otto\",\"consent\":\"opted_out\"}");
        post("/api/messages", "{\"to\":\"07400 500001\",\"body\":\"Your table is ready\"}");
        post("/api/messages", "{\"to\":\"07400 500001\",\"body\":\"See you at eight\"}");
        post("/api/messages", "{\"to\":\"07400 500666\",\"body\":\"This one fails\"}");
        String group = id(post("/api/groups", "{\"name\":\"Regulars\"}"));
        post("/api/groups/" + group + "/members", "{\"phones\":[\"+447400500001\"]}");
        String campaign = id(post("/api/campaigns", "{\"name\":\"Friday offer\",\"body\":\"Hi ${name}\",\"group_ids\":[" + group
                + "],\"send_at\":\"" + Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}"));
        post("/api/campaigns/" + campaign + "/schedule", "{}");
        // A reply arrives at the sandbox, which posts it to the console's webhook.
        HttpResponse<String> mo = http.send(HttpRequest.newBuilder(console.url("/sandbox/control/inbounds"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"+447400500001\",\"body\":\"Thanks, see you then\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, mo.statusCode(), mo.body());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count(get("/api/messages?state=delivered")) == 2 && count(get("/api/messages?state=failed")) == 1);

        // The figures are read at most every 15 s per console: reload until they show.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            browser.open(console.url("/dashboard.xhtml"));
            browser.waitForText("Days and times in");
            return "3".equals(browser.byId("dashboardForm:sent").getText()) && "1".equals(browser.byId("dashboardForm:received").getText());
        });
        assertEquals("2", browser.byId("dashboardForm:delivered").getText());
        assertEquals("1", browser.byId("dashboardForm:failed").getText());
        assertEquals("66.7 %", browser.byId("dashboardForm:deliveryRate").getText());
        assertFalse(browser.driver().findElements(By.cssSelector("#dashboardForm\\:chart canvas")).isEmpty(), "the chart is drawn");

        String replies = browser.byId("dashboardForm:replies").getText();
        assertTrue(replies.contains("Ann") && replies.contains("+44 7400 500001") && replies.contains("Thanks, see you then"), replies);
        String href = browser.byId("dashboardForm:replies:0:conversation").getAttribute("href");
        assertTrue(href.endsWith("/inbox.xhtml?phone=%2B447400500001"), href);

        String optOuts = browser.byId("dashboardForm:optOuts").getText();
        assertTrue(optOuts.contains("Otto") && optOuts.contains("+44 7400 500003") && optOuts.contains("api"), optOuts);

        String campaigns = browser.byId("dashboardForm:campaignsCard").getText();
        assertTrue(campaigns.contains("Friday offer") && campaigns.contains("SCHEDULED") && campaigns.contains("1 recipients"), campaigns);

        String perDay = browser.byId("dashboardForm:perDay").getText();
        assertTrue(perDay.contains(java.time.LocalDate.now(java.time.ZoneId.of(VIEWER_ZONE)) + " 3 2 1 1"), perDay);
        browser.screenshot("dashboard-02-figures");

        browser.driver().findElement(By.xpath("//div[@id='dashboardForm:days']//*[normalize-space()='Last 30 days']")).click();
        browser.awaitAjax();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> browser.byId("dashboardForm:perDay").getText().split("\n").length > 30);
        assertEquals("3", browser.byId("dashboardForm:sent").getText(), "the same traffic over 30 days");
        browser.screenshot("dashboard-03-thirty-days");
    }

    @Test
    @Order(3)
    void adminsSetHowLongBodiesAreKeptWithARefusalNextToTheField() {
        browser.open(console.url("/admin/settings.xhtml"));
        browser.waitForText("Keep message bodies for");
        browser.type("settingsForm:MESSAGE_RETENTION_DAYS", "0").click("settingsForm:save");
        String refused = browser.byId("settingsForm:MESSAGE_RETENTION_DAYSMessage").getText();
        assertEquals("From 1 to 3650 days (empty keeps bodies forever)", refused);
        browser.screenshot("dashboard-04-retention-refused");

        browser.type("settingsForm:MESSAGE_RETENTION_DAYS", "90").click("settingsForm:save");
        browser.waitForText("Settings saved.");
        assertEquals("90", browser.byId("settingsForm:MESSAGE_RETENTION_DAYS").getAttribute("value"));
        browser.screenshot("dashboard-05-retention-saved");

        browser.open(console.url("/admin/audit.xhtml"));
        String audit = browser.waitForText("SMS_MESSAGE_RETENTION_DAYS");
        assertTrue(audit.contains("set to 90"), audit);
    }

    // ---- REST ----

    private String post(String path, String json) {
        return new ConsoleApi(console, "admin", PASSWORD).post(path, json).toString();
    }

    private String get(String path) {
        return new ConsoleApi(console, "admin", PASSWORD).get(path).toString();
    }

    private static String id(String json) {
        return String.valueOf(number(json, "id"));
    }

    private static long count(String json) {
        return number(json, "count");
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
