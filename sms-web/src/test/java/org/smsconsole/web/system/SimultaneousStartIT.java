package org.smsconsole.web.system;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two consoles started at the same moment on one empty PostgreSQL database, as a cluster's instances are: both
 * migrate, both race to create the first administrator, and both must come up and serve. (Before the start-up
 * work was made safe under concurrency, one lost the race in about half the tries: its application failed to
 * deploy and it answered 500 everywhere.)
 */
class SimultaneousStartIT {

    private static final String PASSWORD = "two consoles, one database";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoConsolesStartedAtOnceOnAnEmptyDatabaseBothServeAndShareOneAdministrator() throws Exception {
        String adminUrl = System.getProperty("sms.test.pg.url");
        String database = "sms_twin_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        List<ConsoleProcess> consoles = new ArrayList<>();
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            for (String name : List.of("a", "b")) {
                consoles.add(new ConsoleProcess(Path.of(System.getProperty("work.dir"), database, name), Map.of(
                        "SMS_DB_URL", url, "SMS_DB_USER", "postgres", "SMS_DB_PASSWORD", "postgres",
                        "SMS_ADMIN_PASSWORD", PASSWORD)));
            }
            List<Future<ConsoleProcess>> started = new ArrayList<>();
            for (ConsoleProcess console : consoles) {
                started.add(starting.submit(console::start));
            }
            for (Future<ConsoleProcess> f : started) {
                f.get(); // each start waits for /api/health 200 and fails on a failed deployment
            }

            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            for (ConsoleProcess console : consoles) {
                HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(console.url("/login.xhtml")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, login.statusCode(), "login page of " + console.url("/"));
                HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(console.url("/api/contacts")).header("Authorization", basic).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, api.statusCode(), console.url("/api/contacts") + ": " + api.body());
                assertTrue(console.log().contains("SMS console ready"), "ready is printed by a console that works");
            }
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from staff_user")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "one administrator, created by whichever console won");
            }
        } finally {
            starting.shutdownNow();
            for (ConsoleProcess console : consoles) {
                console.stop();
            }
            try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }
}
