package org.smsconsole.web.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same console on PostgreSQL with nothing but {@code SMS_DB_URL}, {@code SMS_DB_USER} and
 * {@code SMS_DB_PASSWORD} set, in a database of its own: it migrates the empty database, stores
 * contacts there, pages them, imports in bulk (deferring the search indexes), reports the database
 * going away and coming back, and locks an account after repeated wrong passwords.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresConsoleIT {

    private static final String PASSWORD = "postgres admin password";

    private final String adminUrl = System.getProperty("sms.test.pg.url");
    private final String database = "sms_sys_" + System.currentTimeMillis();
    private ConsoleProcess console;
    private Browser browser;
    private ConsoleScreens screens;

    @BeforeAll
    void start() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        Path work = Path.of(System.getProperty("work.dir"), database);
        console = new ConsoleProcess(work, Map.of(
                "SMS_DB_URL", databaseUrl(),
                "SMS_DB_USER", "postgres",
                "SMS_DB_PASSWORD", "postgres")).start();
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
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    @Order(1)
    void contactsAddedInTheBrowserAreStoredInPostgreSql() throws Exception {
        String generated = Files.readString(console.workDir().resolve("data/initial-admin-password")).strip();
        screens.signIn("admin", generated);
        screens.changePassword(generated, PASSWORD);
        browser.open(console.url("/contacts.xhtml"));
        screens.addContact("Linus", "+46 70 123 45 67");
        browser.waitForText("+46 70 123 45 67");

        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", "");
             PreparedStatement q = c.prepareStatement("select name from contact where phone = ?")) {
            q.setString(1, "+46701234567");
            ResultSet rs = q.executeQuery();
            assertTrue(rs.next(), "the row is in PostgreSQL");
            assertEquals("Linus", rs.getString(1));
        }
    }

    @Test
    @Order(2)
    void theTablePagesThroughManyContacts() throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", "");
             PreparedStatement insert = c.prepareStatement("insert into contact (id, phone, name, created_at, updated_at, version)"
                     + " values (?, ?, ?, now(), now(), 0)")) {
            for (int i = 0; i < 60; i++) {
                insert.setLong(1, 1_000_000 + i);
                insert.setString(2, String.format("+4474009000%02d", i));
                insert.setString(3, String.format("Paged %02d", i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        browser.open(console.url("/contacts.xhtml"));
        assertTrue(browser.waitForText("1–25 of 61").contains("Linus"));
        browser.driver().findElement(org.openqa.selenium.By.cssSelector(".ui-paginator-next")).click();
        browser.awaitAjax();
        String second = browser.waitForText("26–50 of 61");
        assertTrue(second.contains("Paged 24") && !second.contains("Paged 23"), second);
        browser.screenshot("05-postgresql-second-page");
    }

    @Test
    @Order(3)
    void aBulkImportBuildsTheContactIndexesAtItsEndAndAConsoleRebuildsThemAfterACrash() throws Exception {
        // 100,000 new numbers into a table of 61: the import drops the search and name indexes and builds them at its end.
        StringBuilder csv = new StringBuilder("phone,name,city\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(String.format("+4475%08d,%s,Leeds%n", i, i == 77_777 ? "Quixotic Walrus" : "Bulk " + i));
        }
        HttpClient http = HttpClient.newHttpClient();
        String job = startImport(csv.toString());
        String state = awaitJob(job);
        assertTrue(state.contains("\"state\":\"done\"") && state.contains("\"created\":100000"), state);
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", ""); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select search_indexes_deferred from import_job where id = " + job);
            assertTrue(rs.next() && rs.getBoolean(1), "the import deferred the search indexes");
            assertEquals(3, validSearchIndexes(s), "all three built again before the job read as done");
        }
        String found = http.send(api("/api/contacts?q=xotic+walr").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(found.contains("+447500077777") && found.contains("\"count\":1,"), found);

        // A console that died in the middle of such an import left the indexes dropped and its job running.
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop index contact_phone_trgm_idx");
            s.execute("drop index contact_name_id_idx");
            s.execute("insert into import_job (id, state, update_existing, default_country, total_rows, processed_rows, created_count,"
                    + " updated_count, skipped_count, rejected_count, started_by, created_at, heartbeat_at, search_indexes_deferred)"
                    + " values (999999, 'RUNNING', false, 'GB', 1000000, 40000, 40000, 0, 0, 0, 'admin', now() - interval '10 minutes',"
                    + " now() - interval '9 minutes', true)");
        }
        // The import job watch (every 30 s) fails the silent job, then finds the index missing and no import deferring it.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", ""); Statement s = c.createStatement()) {
                return validSearchIndexes(s) == 3;
            }
        });
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", ""); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select state from import_job where id = 999999");
            assertTrue(rs.next());
            assertEquals("FAILED", rs.getString(1));
        }
    }

    @Test
    @Order(4)
    void aNumberSomeoneAddsWhileAnImportCopiesItIsKeptOnceAndCountedAsExisting() throws Exception {
        try (Connection other = DriverManager.getConnection(databaseUrl(), "postgres", "")) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("insert into contact (id, phone, name, created_at, updated_at, version)"
                        + " values (900000000, '+447455500002', 'Added meanwhile', now(), now(), 0)");
            }
            // Not committed yet: the import finds none of its numbers held and COPies them straight in, until the unique
            // key makes it wait for this transaction.
            String job = startImport("phone,name\n+447455500001,First\n+447455500002,Second\n+447455500003,Third\n");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "select count(*) from pg_stat_activity where datname = '" + database + "' and wait_event_type = 'Lock'"
                                + " and query like 'copy contact %'")) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            });
            other.commit(); // the COPY fails on the number; the chunk goes the staged way and finds it held
            String done = awaitJob(job);
            assertTrue(done.contains("\"state\":\"done\"") && done.contains("\"created\":2,") && done.contains("\"skipped\":1,"), done);
        }
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select phone, name from contact where phone like '+4474555000__' order by phone")) {
            java.util.List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
            assertEquals(java.util.List.of("+447455500001 First", "+447455500002 Added meanwhile", "+447455500003 Third"), rows);
        }
    }

    private String startImport(String csv) throws Exception {
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(api("/api/contacts/import?default_country=GB")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        return accepted.body().replaceAll(".*?\"id\":(\\d+).*", "$1");
    }

    /** The job's JSON once it has ended. */
    private String awaitJob(String job) {
        HttpClient http = HttpClient.newHttpClient();
        String[] state = new String[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            state[0] = http.send(api("/api/jobs/" + job).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return state[0].contains("\"state\":\"done\"") || state[0].contains("\"state\":\"failed\"");
        });
        return state[0];
    }

    private static int validSearchIndexes(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from pg_index i join pg_class x on x.oid = i.indexrelid"
                + " where x.relname in ('contact_name_trgm_idx', 'contact_phone_trgm_idx', 'contact_name_id_idx') and i.indisvalid")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(console.url(path)).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    @Order(5)
    void healthSaysDownWhileTheDatabaseIsUnreachableAndUpWhenItIsBack() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("alter database " + database + " allow_connections false");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
        }
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> health().statusCode() == 503);
            HttpResponse<String> down = health();
            assertTrue(down.body().contains("\"status\":\"DOWN\""), down.body());
        } finally {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("alter database " + database + " allow_connections true");
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> health().statusCode() == 200);
        assertTrue(health().body().contains("\"status\":\"UP\""));
    }

    @Test
    @Order(6)
    void wrongPasswordsShowAnErrorThenSlowDownThenLockTheNameFromThatAddress() {
        browser.click("headerForm:logout");
        browser.waitForText("Sign in to continue");
        assertTrue(screens.signIn("admin", "not the password").contains("Wrong user name or password."));
        browser.screenshot("06-login-wrong-password");
        // Keep guessing as fast as a person could: the console slows the guesses down, then locks.
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String page = screens.signIn("admin", "not the password");
            if (page.contains("Too many failed logins: wait")) {
                seen.add("slowed");
            }
            return page.contains("Signing in with this user name from your address is now locked for 15 minutes.");
        });
        assertTrue(seen.contains("slowed"), "guesses were slowed down before the lock");
        String locked = screens.signIn("admin", PASSWORD);
        assertTrue(locked.contains("Signing in with this user name from your address is locked until"), locked);
        assertEquals("/login.xhtml", browser.currentPath());
        browser.screenshot("07-login-locked");
    }

    private HttpResponse<String> health() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(console.url("/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl, "postgres", "");
    }

    private String databaseUrl() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    }
}
