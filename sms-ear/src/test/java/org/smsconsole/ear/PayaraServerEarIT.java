package org.smsconsole.ear;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The EAR deployed on a real Payara Server 6 (the full distribution) in a domain made for the run, every listener on
 * 127.0.0.1. The console is configured as an operator would configure it there: environment variables of the server
 * ({@code SMS_DATA_DIR}, {@code SMS_ADMIN_PASSWORD}) and {@code -D} system properties ({@code SMS_DB_*}), the same
 * names as on Payara Micro. On the default H2 file and then on PostgreSQL in a fresh schema it must answer its health
 * check, show the login page, sign a person in through the form, serve the API with HTTP Basic, and deliver a queued
 * message through the built-in Sinch sandbox. The domain is stopped and deleted at the end, whatever happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerEarIT {

    private static final String APPLICATION = "sms";
    private static final String ADMIN_PASSWORD = "ear-admin-Passw0rd";
    private static final String PHONE = "+14155550123";

    private final Path ear = Path.of(System.getProperty("sms.ear"));
    private final Path domains = Path.of(System.getProperty("payara.domains.dir"));
    private final Path dataDir = domains.resolve("sms-data");
    private final String postgresUrl = System.getProperty("sms.test.pg.url");
    private PayaraServerDomain domain;

    @BeforeAll
    void startServer() throws Exception {
        domain = PayaraServerDomain.create(Path.of(System.getProperty("payara.server.home")), domains, "sms-ear-it");
        deleteRecursively(dataDir); // after create, which ended any server an earlier run left holding it
        domain.start(Map.of(
                "SMS_DATA_DIR", dataDir.toString(),
                "SMS_ADMIN_PASSWORD", ADMIN_PASSWORD,
                // On a full server SMS_PORT sets no port: it tells the console which one its HTTP listener has.
                "SMS_PORT", String.valueOf(domain.ports().http())));
    }

    @AfterAll
    void stopAndDeleteServer() throws Exception {
        if (domain != null) {
            domain.close();
        }
    }

    @Test
    @Order(1)
    void onTheDefaultH2FileTheConsoleSignsInServesTheApiAndDeliversAMessage() throws Exception {
        domain.deploy(ear, APPLICATION);
        try {
            consoleWorks();
            assertTrue(Files.exists(dataDir.resolve("sms.mv.db")), "the H2 database file is in SMS_DATA_DIR");
            assertTrue(domain.serverLog().contains("Database version: " + System.getProperty("h2.version")),
                    "the EAR's own H2 " + System.getProperty("h2.version") + " runs, not the server's");
            assertEveryListenerIsOnLoopback();
        } finally {
            domain.undeploy(APPLICATION);
        }
    }

    @Test
    @Order(2)
    void onPostgreSqlInAFreshSchemaTheConsoleSignsInServesTheApiAndDeliversAMessage() throws Exception {
        String schema = "sms_ear_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        domain.setSystemProperties(Map.of(
                "SMS_DB_URL", postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "SMS_DB_USER", "postgres",
                "SMS_DB_PASSWORD", "postgres"));
        try {
            domain.deploy(ear, APPLICATION);
            try {
                consoleWorks();
                try (Connection db = DriverManager.getConnection(postgresUrl, "postgres", "postgres");
                     Statement s = db.createStatement();
                     ResultSet contacts = s.executeQuery("select phone from " + schema + ".contact")) {
                    assertTrue(contacts.next() && PHONE.equals(contacts.getString(1)), "the contact is in schema " + schema);
                }
                assertEveryListenerIsOnLoopback();
            } finally {
                domain.undeploy(APPLICATION);
            }
        } finally {
            for (String property : List.of("SMS_DB_URL", "SMS_DB_USER", "SMS_DB_PASSWORD")) {
                domain.deleteSystemProperty(property);
            }
            try (Connection db = DriverManager.getConnection(postgresUrl, "postgres", "postgres"); Statement s = db.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** What every deployment must do, on whichever database it was given. */
    private void consoleWorks() throws Exception {
        DeployedConsole console = new DeployedConsole(domain::url);

        await("health UP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            DeployedConsole.Answer health = console.call("GET", "/api/health", null, null, null);
            return health.status() == 200 && "UP".equals(health.json().getString("status"));
        });

        assertTrue(domain.serverLog().contains("SMS console ready: http://localhost:" + domain.ports().http() + "/"),
                "the console says where it can be reached");

        HttpResponse<String> login = console.get("/login.xhtml");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("Sign in to continue") && login.body().contains("id=\"loginForm\""), login.body());
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse("");
        // Cookie attribute names and values are case-insensitive (RFC 6265); Payara writes "SameSite=strict".
        assertTrue(session.toLowerCase().contains("samesite=strict") && session.contains("HttpOnly"), "the session cookie on Payara Server: " + session);

        HttpResponse<String> landed = console.signIn("admin", ADMIN_PASSWORD);
        assertAll("signed in through the form",
                () -> assertEquals(200, landed.statusCode()),
                () -> assertEquals("/dashboard.xhtml", landed.uri().getPath(), "lands on the dashboard"),
                () -> assertTrue(landed.body().contains("Dashboard"), landed.body()));

        assertEquals(401, console.call("GET", "/api/contacts", null, null, null).status(), "the API needs credentials");
        DeployedConsole.Answer list = console.call("GET", "/api/contacts", "admin", ADMIN_PASSWORD, null);
        assertEquals(200, list.status(), list::toString);
        assertFalse(list.setsCookie(), "the API keeps no session");

        DeployedConsole.Answer contact = console.call("POST", "/api/contacts", "admin", ADMIN_PASSWORD,
                "{\"phone\":\"" + PHONE + "\",\"name\":\"Ada Server\"}");
        assertEquals(201, contact.status(), contact::toString);
        DeployedConsole.Answer template = console.call("POST", "/api/templates", "admin", ADMIN_PASSWORD,
                "{\"name\":\"Greeting\",\"body\":\"Hello ${name}, from the EAR\"}");
        assertEquals(201, template.status(), template::toString);

        DeployedConsole.Answer queued = console.call("POST", "/api/messages", "admin", ADMIN_PASSWORD,
                "{\"contact_id\":" + contact.json().getJsonNumber("id") + ",\"template_id\":" + template.json().getJsonNumber("id") + "}");
        assertEquals(201, queued.status(), queued::toString);
        JsonObject message = queued.json();
        assertEquals("queued", message.getString("state"));
        assertEquals("Hello Ada Server, from the EAR", message.getString("body"));

        String path = "/api/messages/" + message.getJsonNumber("id");
        await("message delivered through the sandbox").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> console.call("GET", path, "admin", ADMIN_PASSWORD, null).json().getString("state"), "delivered"::equals);
    }

    /** What {@code ss -ltnup} would show for the server's process: nothing beyond loopback, only the ports it was given. */
    private void assertEveryListenerIsOnLoopback() throws Exception {
        long pid = domain.pid();
        DomainPorts ports = domain.ports();
        // The JMX connector is among the last to open; wait for it so that the check sees the whole server.
        await("the server's listeners").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                ListeningSockets.of(pid).stream().map(ListeningSockets.Listener::port).toList()
                        .containsAll(List.of(ports.admin(), ports.http(), ports.https(), ports.jmx(), ports.hazelcastDas())));
        List<ListeningSockets.Listener> listeners = ListeningSockets.of(pid);
        List<ListeningSockets.Listener> exposed = new ArrayList<>();
        for (ListeningSockets.Listener listener : listeners) {
            if (!listener.loopback() || !ports.all().contains(listener.port())) {
                exposed.add(listener);
            }
        }
        assertTrue(exposed.isEmpty(), () -> "listening beyond loopback or on a port not given: " + exposed + " of " + listeners);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
    }
}
