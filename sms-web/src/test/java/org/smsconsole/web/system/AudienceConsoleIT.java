package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contacts, groups, CSV import and export, through the REST API over real HTTP and through the
 * screens in headless Chromium, against one console process (H2, admin password from the environment).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AudienceConsoleIT {

    private static final String PASSWORD = "audience admin password";

    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;
    private final HttpClient http = HttpClient.newHttpClient();
    private Path work;

    @BeforeAll
    void start() throws Exception {
        work = Path.of(System.getProperty("work.dir"), "audience-" + System.currentTimeMillis());
        console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", PASSWORD, "SMS_DEFAULT_COUNTRY", "GB")).start();
        browser = new Browser();
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

    // ---- REST ----

    @Test
    @Order(1)
    void contactsAreCreatedReadReplacedSearchedAndDeletedOverRest() throws Exception {
        assertEquals(401, send("GET", "/api/contacts", null, null, false).statusCode());

        HttpResponse<String> created = send("POST", "/api/contacts", "application/json",
                "{\"phone\":\"07400 100001\",\"name\":\"Rest One\",\"language\":\"en\",\"attributes\":{\"city\":\"Leeds\"}}", true);
        assertEquals(201, created.statusCode(), created.body());
        String id = field(created.body(), "id");
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/contacts/" + id));
        assertTrue(created.body().contains("\"phone\":\"+447400100001\""), created.body());
        assertTrue(created.body().contains("\"time_zone\":\"Europe/London\""), created.body());
        assertTrue(created.body().contains("\"attributes\":{\"city\":\"Leeds\"}"), created.body());
        assertTrue(created.body().contains("\"consent\":\"subscribed\""), created.body());
        assertTrue(created.body().matches(".*\"created_at\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\".*"), created.body());

        HttpResponse<String> replaced = send("PUT", "/api/contacts/" + id, "application/json",
                "{\"phone\":\"+447400100001\",\"name\":\"Rest One B\",\"time_zone\":\"Europe/Dublin\",\"consent\":\"opted_out\","
                        + "\"consent_reason\":\"asked by email\"}", true);
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(replaced.body().contains("\"consent\":\"opted_out\""), replaced.body());
        assertTrue(replaced.body().contains("\"consent_source\":\"api\""), replaced.body());
        assertTrue(replaced.body().contains("\"time_zone\":\"Europe/Dublin\""), replaced.body());
        assertFalse(replaced.body().contains("city"), "PUT replaces the attributes");

        send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100002\",\"name\":\"Rest Two\",\"attributes\":{\"city\":\"York\"}}", true);
        HttpResponse<String> page = send("GET", "/api/contacts?q=rest&page=0&page_size=1&sort=name", null, null, true);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().startsWith("{\"count\":2,\"count_exact\":true,\"page\":0,\"page_size\":1,\"contacts\":[{"), page.body());
        assertTrue(page.body().contains("Rest One B") && !page.body().contains("Rest Two"), page.body());
        HttpResponse<String> byAttribute = send("GET", "/api/contacts?attribute=city&attribute_value=york", null, null, true);
        assertTrue(byAttribute.body().contains("\"count\":1") && byAttribute.body().contains("Rest Two"), byAttribute.body());

        assertEquals(200, send("GET", "/api/contacts/" + id, null, null, true).statusCode());
        assertEquals(204, send("DELETE", "/api/contacts/" + id, null, null, true).statusCode());
        HttpResponse<String> gone = send("GET", "/api/contacts/" + id, null, null, true);
        assertEquals(404, gone.statusCode());
        assertEquals("application/problem+json", gone.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    @Order(2)
    void badContactInputAnswers400Or404AndChangesNothing() throws Exception {
        String before = send("GET", "/api/contacts?page_size=1000", null, null, true).body();
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\": \"+4474", true), 400, "body");
        assertProblem(send("POST", "/api/contacts", "application/json", "[1,2]", true), 400, "body");
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+1 555 12\"}", true), 400, "phone");
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100003\",\"name\":\"" + "x".repeat(201) + "\"}", true), 400, "name");
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100003\",\"name\":7}", true), 400, "name");
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100003\",\"time_zone\":\"Mars/Base\"}", true), 400, "time_zone");
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100003\",\"consent\":\"maybe\"}", true), 400, "consent");
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100003\",\"attributes\":{\"a b\":\"c\"}}", true), 400, "attributes");
        assertProblem(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100002\"}", true), 400, "phone");
        assertProblem(send("GET", "/api/contacts?page_size=0", null, null, true), 400, "page_size");
        assertProblem(send("GET", "/api/contacts?sort=secret", null, null, true), 400, "sort");
        assertProblem(send("PUT", "/api/contacts/999999999", "application/json", "{\"phone\":\"+447400100003\"}", true), 404, null);
        assertProblem(send("DELETE", "/api/contacts/999999999", null, null, true), 404, null);
        assertEquals(before, send("GET", "/api/contacts?page_size=1000", null, null, true).body(), "nothing was stored");
    }

    @Test
    @Order(3)
    void groupsAndTheirMembersOverRest() throws Exception {
        HttpResponse<String> created = send("POST", "/api/groups", "application/json", "{\"name\":\"VIP\"}", true);
        assertEquals(201, created.statusCode(), created.body());
        String group = field(created.body(), "id");
        assertProblem(send("POST", "/api/groups", "application/json", "{\"name\":\"vip\"}", true), 400, "name");
        assertProblem(send("POST", "/api/groups", "application/json", "{\"name\":\"" + "g".repeat(101) + "\"}", true), 400, "name");
        assertTrue(send("PUT", "/api/groups/" + group, "application/json", "{\"name\":\"VIPs\"}", true).body().contains("\"name\":\"VIPs\""));

        String two = field(send("GET", "/api/contacts?q=Rest+Two", null, null, true).body(), "id");
        String third = field(send("POST", "/api/contacts", "application/json", "{\"phone\":\"+447400100004\",\"name\":\"Rest Three\"}", true).body(), "id");
        HttpResponse<String> added = send("POST", "/api/groups/" + group + "/members", "application/json",
                "{\"contact_ids\":[" + two + "],\"phones\":[\"07400 100004\"]}", true);
        assertEquals(200, added.statusCode(), added.body());
        assertTrue(added.body().contains("\"added\":2") && added.body().contains("\"member_count\":2"), added.body());

        assertProblem(send("POST", "/api/groups/" + group + "/members", "application/json",
                "{\"contact_ids\":[" + third + "],\"phones\":[\"+447400999999\"]}", true), 400, "phones");
        assertProblem(send("POST", "/api/groups/" + group + "/members", "application/json", "{\"contact_ids\":[123456789]}", true), 400, "contact_ids");
        assertProblem(send("POST", "/api/groups/" + group + "/members", "application/json", "{\"contact_ids\":\"x\"}", true), 400, "contact_ids");
        assertTrue(send("GET", "/api/groups/" + group, null, null, true).body().contains("\"member_count\":2"), "unchanged after refusals");

        HttpResponse<String> members = send("GET", "/api/groups/" + group + "/members?page_size=10", null, null, true);
        assertTrue(members.body().contains("\"count\":2") && members.body().contains("Rest Three"), members.body());
        HttpResponse<String> removed = send("POST", "/api/groups/" + group + "/members/remove", "application/json", "{\"phones\":[\"+447400100004\"]}", true);
        assertTrue(removed.body().contains("\"removed\":1"), removed.body());
        assertEquals(204, send("DELETE", "/api/groups/" + group + "/members/" + two, null, null, true).statusCode());
        assertTrue(send("GET", "/api/groups?page=0&page_size=10", null, null, true).body().contains("\"member_count\":0"));

        assertEquals(204, send("DELETE", "/api/groups/" + group, null, null, true).statusCode());
        assertProblem(send("GET", "/api/groups/" + group, null, null, true), 404, null);
        assertProblem(send("POST", "/api/groups/" + group + "/members", "application/json", "{\"contact_ids\":[" + two + "]}", true), 404, null);
        assertEquals(200, send("GET", "/api/contacts/" + two, null, null, true).statusCode(), "contacts outlive their group");
    }

    @Test
    @Order(4)
    void aCsvImportRunsAsAJobAndReportsItsBadRows() throws Exception {
        String csv = "phone,name,plan\n"
                + "07400 200001,Imported One,gold\n"
                + "not a number,Bad Number,gold\n"
                + "+447400200002,Imported Two,silver\n"
                + "07400200001,Duplicate One,gold\n"
                + "+447400200003\n";
        HttpResponse<String> accepted = send("POST", "/api/contacts/import?default_country=GB&existing=skip", "text/csv", csv, true);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String job = field(accepted.body(), "id");
        assertTrue(accepted.headers().firstValue("Location").orElse("").endsWith("/api/jobs/" + job));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("GET", "/api/jobs/" + job, null, null, true).body().contains("\"state\":\"done\""));
        String done = send("GET", "/api/jobs/" + job, null, null, true).body();
        assertTrue(done.contains("\"total_rows\":5") && done.contains("\"created\":2") && done.contains("\"rejected\":3"), done);
        assertTrue(done.contains("{\"line\":3,\"reason\":\"'not a number' is not a phone number"), done);
        assertTrue(done.contains("{\"line\":5,\"reason\":\"Duplicate in the file: the number +447400200001 is already on line 2\"}"), done);
        assertTrue(done.contains("{\"line\":6,\"reason\":\"Missing column 'name'"), done);
        String report = send("GET", "/api/jobs/" + job + "/rejections", null, null, true).body();
        assertTrue(report.startsWith("line,reason\r\n3,"), report);
        assertTrue(send("GET", "/api/contacts?attribute=plan&attribute_value=silver", null, null, true).body().contains("Imported Two"));

        String before = send("GET", "/api/contacts?page_size=1000", null, null, true).body();
        HttpResponse<String> latin1 = sendBytes("/api/contacts/import", "text/csv",
                "phone,name\n+447400200009,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(latin1, 400, "file");
        assertTrue(latin1.body().contains("not UTF-8"), latin1.body());
        assertProblem(send("POST", "/api/contacts/import", "text/csv", "name,city\nAnn,Leeds\n", true), 400, "columns");
        assertProblem(send("POST", "/api/contacts/import?default_country=XX", "text/csv", "phone\n+447400200010\n", true), 400, "default_country");
        assertProblem(send("POST", "/api/contacts/import?existing=maybe", "text/csv", "phone\n+447400200010\n", true), 400, "existing");
        assertProblem(send("GET", "/api/jobs/987654321", null, null, true), 404, null);
        assertEquals(before, send("GET", "/api/contacts?page_size=1000", null, null, true).body(), "refused files store nothing");
    }

    @Test
    @Order(5)
    void anyContactSearchExportsAsCsv() throws Exception {
        HttpResponse<String> export = send("GET", "/api/contacts/export?q=imported", null, null, true);
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = export.body().lines().toList();
        assertEquals(3, lines.size(), export.body());
        assertTrue(lines.get(0).startsWith("phone,name,language,time_zone,consent,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("+447400200001,Imported One,,Europe/London,subscribed,"), lines.get(1));
    }

    // ---- Screens ----

    @Test
    @Order(10)
    void staffAddAContactWithAttributesAndFindItByAttribute() {
        screens.signIn("admin", PASSWORD);
        browser.open(console.url("/contacts.xhtml"));
        browser.waitForText("Imported One");
        screens.openContactDialog();
        browser.type("contactDialogForm:name", "Browser Ada").type("contactDialogForm:phone", "07400 300001")
                .type("contactDialogForm:language", "en-GB").type("contactDialogForm:attributes", "city=Leeds\nplan=gold")
                .click("contactDialogForm:saveContact");
        browser.awaitAjax();
        String page = browser.waitForText("Browser Ada");
        assertTrue(page.contains("city=Leeds") && page.contains("plan=gold"), page);
        assertTrue(page.contains("en-GB · Europe/London"), page);

        screens.openContactDialog();
        browser.type("contactDialogForm:phone", "07400 300002").type("contactDialogForm:time_zone", "Nowhere/Else")
                .click("contactDialogForm:saveContact");
        browser.awaitAjax();
        assertEquals("'Nowhere/Else' is not a time zone such as Europe/London", browser.byId("contactDialogForm:timeZoneMessage").getText());
        browser.screenshot("audience-01-bad-time-zone");
        browser.click("contactDialogForm:cancelContact");

        typeFilter("contactsForm:attributeName", "city");
        typeFilter("contactsForm:attributeValue", "leeds");
        browser.waitForTextGone("Imported Two");
        assertTrue(browser.bodyText().contains("Browser Ada"), browser.bodyText());
        browser.screenshot("audience-02-attribute-search");
        typeFilter("contactsForm:attributeName", "");
        typeFilter("contactsForm:attributeValue", "");
        browser.waitForText("Imported Two");
    }

    @Test
    @Order(11)
    void staffMakeAGroupAndPutSelectedContactsInIt() {
        browser.open(console.url("/groups.xhtml"));
        browser.click("groupsForm:newGroup");
        browser.awaitAjax();
        browser.type("groupDialogForm:name", "Newsletter").click("groupDialogForm:saveGroup");
        browser.waitForText("Created group Newsletter");

        browser.open(console.url("/contacts.xhtml"));
        browser.waitForText("Imported One");
        checkRow("Imported One");
        checkRow("Browser Ada");
        browser.waitForText("2 selected");
        browser.choose("contactsForm:bulkGroup", "Newsletter");
        browser.click("contactsForm:addToGroup");
        browser.waitForText("Added 2 contacts to Newsletter");
        browser.screenshot("audience-03-added-to-group");

        browser.open(console.url("/groups.xhtml"));
        String groupsPage = browser.waitForText("Newsletter");
        assertTrue(browser.byId("groupsForm:groups:0:memberCount").getText().equals("2"), groupsPage);
        browser.screenshot("audience-04-groups");
        browser.click("groupsForm:groups:0:members");
        String members = browser.waitForText("1–2 of 2");
        assertTrue(members.contains("Imported One") && members.contains("Browser Ada") && !members.contains("Imported Two"), members);
        browser.screenshot("audience-05-group-members");
    }

    @Test
    @Order(12)
    void staffImportACsvAndSeeTheThreeBadRowsWithLineAndReason() throws Exception {
        Path file = work.resolve("people.csv");
        Files.writeString(file, "Mobile;Name;Team\n"
                + "07400 400001;Screen One;red\n"
                + "07400 4;Too Short;red\n"
                + "+447400400002;Screen Two;blue\n"
                + "07400400001;Again One;red\n"
                + "+447400400003\n"
                + "+447400400004;Screen Three;green\n");
        browser.open(console.url("/import.xhtml"));
        browser.waitForText("Choose a CSV file");
        browser.driver().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        String preview = browser.waitForText("people.csv: 6 rows");
        assertTrue(preview.contains("Screen One") && preview.contains("Team"), preview);
        browser.screenshot("audience-06-import-preview");
        browser.click("importForm:startImport");
        String report = browser.waitForText("Rejected rows");
        browser.waitForText("Finished");
        report = browser.bodyText();
        assertTrue(report.contains("3 added") && report.contains("3 rejected"), report);
        assertTrue(report.contains("3 '07400 4' is not a valid phone number"), report);
        assertTrue(report.contains("5 Duplicate in the file: the number +447400400001 is already on line 2"), report);
        assertTrue(report.contains("6 Missing column 'Name'"), report);
        browser.screenshot("audience-07-import-report");

        Path downloads = Files.createDirectories(work.resolve("downloads"));
        ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        browser.click("importForm:downloadReport");
        // named import-<job id>-rejections.csv; the only such file here
        await().atMost(Duration.ofSeconds(15)).until(() -> reportIn(downloads) != null && Files.readAllLines(reportIn(downloads)).size() == 4);
        List<String> lines = Files.readAllLines(reportIn(downloads));
        assertEquals("line,reason", lines.get(0));
        assertTrue(lines.get(1).startsWith("3,") && lines.get(2).startsWith("5,") && lines.get(3).startsWith("6,"), lines.toString());
    }

    @Test
    @Order(13)
    void staffExportTheirSearchAsCsv() throws Exception {
        browser.open(console.url("/contacts.xhtml"));
        browser.waitForText("Screen Three");
        screens.searchContacts("screen");
        browser.waitForTextGone("Imported One");
        Path downloads = work.resolve("downloads");
        browser.click("contactsForm:export");
        Path csv = downloads.resolve("contacts.csv");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(csv) && Files.readString(csv).lines().count() == 4);
        String content = Files.readString(csv);
        assertTrue(content.contains("+447400400004,Screen Three,") && !content.contains("Imported One"), content);
        browser.screenshot("audience-08-export-search");
    }

    @Test
    @Order(14)
    void aFileOverTheLimitIsRefusedInTheBrowserAndAnyLargerUploadBeforeTheServerReadsIt() throws Exception {
        Path huge = work.resolve("huge.csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(101L * 1024 * 1024); // sparse: 101 MiB on paper, nothing on disk
        }
        browser.open(console.url("/import.xhtml"));
        assertTrue(browser.waitForText("Choose a CSV file").contains("At most 100 MB, 100 columns (50 of them attributes) and 64 KB a line"));
        browser.driver().findElement(By.cssSelector("input[type=file]")).sendKeys(huge.toString());
        String refused = browser.waitForText("larger than 100 MB");
        assertFalse(refused.contains("huge.csv:"), "no preview: nothing was read");
        browser.screenshot("audience-09-import-too-large");

        // What a script could send with the same signed-in session: refused on its declared size, or for declaring none.
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        String declared = rawUpload(cookies, "Content-Length: 1073741824", "--xyz\r\n");
        assertTrue(declared.startsWith("HTTP/1.1 413"), "1 GiB declared: " + declared);
        // Chunked: the server parses the first chunk's header before it hands the request on, so one small chunk goes first.
        String undeclared = rawUpload(cookies, "Transfer-Encoding: chunked", "7\r\n--xyz\r\n\r\n");
        assertTrue(undeclared.startsWith("HTTP/1.1 411"), "no length declared: " + undeclared);
    }

    /** A multipart POST to the import page of which only the head and {@code start} are sent; the answer's status line. */
    private String rawUpload(String cookies, String lengthHeader, String start) throws Exception {
        java.net.URI page = console.url("/import.xhtml");
        try (java.net.Socket s = new java.net.Socket(page.getHost(), page.getPort())) {
            s.setSoTimeout(15_000);
            String head = "POST " + page.getPath() + " HTTP/1.1\r\nHost: " + page.getHost() + ":" + page.getPort() + "\r\nCookie: " + cookies
                    + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\n" + lengthHeader + "\r\n\r\n" + start;
            s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            StringBuilder status = new StringBuilder(); // the status line is the answer; the rest is of no interest
            for (int b = s.getInputStream().read(); b >= 0 && b != '\n'; b = s.getInputStream().read()) {
                status.append((char) b);
            }
            return status.toString();
        }
    }

    private static Path reportIn(Path downloads) throws java.io.IOException {
        try (var files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().matches("import-\\d+-rejections\\.csv")).findFirst().orElse(null);
        }
    }

    private void checkRow(String name) {
        WebElement row = browser.driver().findElement(By.xpath("//tr[td[normalize-space()='" + name + "']]"));
        row.findElement(By.cssSelector(".ui-chkbox-box")).click();
        browser.awaitAjax();
    }

    private void typeFilter(String id, String text) {
        WebElement field = browser.byId(id);
        field.clear();
        field.sendKeys(text.isEmpty() ? org.openqa.selenium.Keys.BACK_SPACE.toString() : text);
        browser.awaitAjax();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
        if (field != null) {
            assertTrue(response.body().contains("\"field\":\"" + field + "\""), response.body());
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    private HttpResponse<String> send(String method, String path, String type, String body, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.url(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (authenticated) {
            request.header("Authorization", basic());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendBytes(String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(console.url(path)).header("Content-Type", type).header("Authorization", basic())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
