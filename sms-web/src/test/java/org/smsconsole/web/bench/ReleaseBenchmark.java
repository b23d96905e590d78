package org.smsconsole.web.bench;

import org.smsconsole.web.system.ConsoleProcess;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the release engine against its raw PostgreSQL limits, measured in the same run. A fresh
 * database gets 1,000,000 contacts; the sandbox runs in its own JVM; the console at -Xmx512m queues a
 * 1,000,000-recipient campaign and releases a 100,000-recipient personalised one. Beside each figure,
 * a plain JDBC loop doing the same SQL work. Prints figures; asserts nothing.
 * Run: {@code mvn -B -o -Pbench package -pl sms-core,sms-scheduler,sms-web -Dbench.only=release} (docs/benchmarks.md).
 */
public final class ReleaseBenchmark {

    private static final String PASSWORD = "benchmark admin password";
    private static final String QUEUE_SQL = """
            insert into %s (id, campaign_id, contact_id, phone, kind, state, send_at, due_at, expire_at,
                                 attempts, solo, reason, created_at, status_at)
            select nextval('%s'), ?, c.id, c.phone, 'CAMPAIGN',
                   case when c.consent = 'OPTED_OUT' or s.phone is not null then 'SKIPPED' else 'QUEUED' end,
                   ?, ?, ?, 0, false,
                   case when c.consent = 'OPTED_OUT' then 'Opted out' when s.phone is not null then 'On the suppression list' end,
                   ?, case when c.consent = 'OPTED_OUT' or s.phone is not null then ? end
            from contact c left join suppressed_number s on s.phone = c.phone
            where exists (select 1 from group_member m where m.contact_id = c.id and m.group_id in (?))
            """;

    public static void main(String[] args) throws Exception {
        int contacts = Integer.parseInt(System.getProperty("bench.rows", "1000000"));
        int personalised = Integer.parseInt(System.getProperty("bench.campaign", "100000"));
        String adminUrl = System.getProperty("sms.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "sms_release_" + System.currentTimeMillis();
        Path work = Path.of(System.getProperty("work.dir", "target/bench"), database);
        Files.createDirectories(work);
        String dbUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        ConsoleProcess sandbox = new ConsoleProcess(work.resolve("sandbox"), Map.of("SMS_SANDBOX_ONLY", "true",
                "SMS_SANDBOX_SERVICE_PLAN_ID", "sandbox-service-plan", "SMS_SANDBOX_API_TOKEN", "sandbox-api-token",
                "SMS_SANDBOX_MESSAGES_PER_SECOND", "0", "SMS_SANDBOX_DISPATCH_DELAY_MS", "0", "SMS_SANDBOX_DELIVERY_DELAY_MS", "0",
                "SMS_SANDBOX_MAX_BATCHES", "2000")).heap("1g");
        ConsoleProcess console = null;
        Map<String, String> figures = new LinkedHashMap<>();
        try {
            sandbox.start();
            console = new ConsoleProcess(work.resolve("console"), Map.of("SMS_DB_URL", dbUrl, "SMS_DB_USER", "postgres",
                    "SMS_DB_PASSWORD", "postgres", "SMS_ADMIN_PASSWORD", PASSWORD, "SMS_DEFAULT_COUNTRY", "GB",
                    "SMS_SINCH_BASE_URL", sandbox.url("/sandbox").toString(), "SMS_SINCH_SERVICE_PLAN_ID", "sandbox-service-plan",
                    "SMS_SINCH_API_TOKEN", "sandbox-api-token", "SMS_SEND_RATE", "0", "SMS_RELEASE_INTERVAL_MS", "200")).heap("512m");
            console.start();
            long t = System.nanoTime();
            long[] groups = seed(dbUrl, contacts, personalised);
            System.out.printf("Seeded %,d contacts with a city each in %d ms%n", contacts, ms(t));

            try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
                raw(c, groups[0], figures);
            }

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long login = timedMs(http, console, "GET", "/api/sending", null);
            login = Math.min(login, timedMs(http, console, "GET", "/api/sending", null));
            figures.put("one authenticated REST call doing nothing (HTTP Basic, PBKDF2)", login + " ms");

            Instant now = Instant.now();
            String big = post(http, console, "/api/campaigns", "{\"name\":\"million\",\"body\":\"Hello ${name}\",\"group_ids\":[" + groups[0]
                    + "],\"send_at\":\"" + now.plus(Duration.ofDays(1)) + "\",\"expire_at\":\"" + now.plus(Duration.ofDays(2)) + "\"}", 201);
            long bigId = id(big);
            t = System.nanoTime();
            post(http, console, "/api/campaigns/" + bigId + "/schedule", null, 200);
            figures.put("console: schedule a " + String.format("%,d", contacts) + "-recipient campaign (REST call, wall)", ms(t) + " ms");

            long acceptedBefore = acceptedBatches(http, sandbox);
            String small = post(http, console, "/api/campaigns", "{\"name\":\"personalised\",\"body\":\"Hi ${name}, your appointment in ${city}"
                    + " is confirmed for tomorrow. Reply STOP to opt out.\",\"group_ids\":[" + groups[1] + "]}", 201);
            long smallId = id(small);
            t = System.nanoTime();
            post(http, console, "/api/campaigns/" + smallId + "/schedule", null, 200);
            long scheduleMs = ms(t);
            try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
                org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> count(c, "select count(*) from message where campaign_id = " + smallId + " and state in ('SENT', 'DELIVERED')") == personalised);
                long wall = ms(t);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select min(claimed_at), max(sent_at) from message where campaign_id = " + smallId)) {
                    rs.next();
                    Instant first = rs.getObject(1, OffsetDateTime.class).toInstant();
                    Instant last = rs.getObject(2, OffsetDateTime.class).toInstant();
                    long releaseMs = Math.max(1, Duration.between(first, last).toMillis());
                    figures.put("console: schedule the " + String.format("%,d", personalised) + "-recipient personalised campaign (REST call, wall)", scheduleMs + " ms");
                    figures.put("console: release, first claim to last batch id stored", releaseMs + " ms = "
                            + String.format("%,d", personalised * 1000L / releaseMs) + " messages/s");
                    figures.put("console: release, schedule call to all SENT seen (wall, 200 ms polling)", wall + " ms");
                }
            }
            figures.put("HTTP requests Sinch (the sandbox) accepted for it", String.valueOf(acceptedBatches(http, sandbox) - acceptedBefore));
        } finally {
            System.out.println();
            System.out.println("| What | Figure |");
            System.out.println("|---|---|");
            figures.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
            System.out.println();
            if (console != null) {
                console.stop();
            }
            sandbox.stop();
            try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    /** 1,000,000 contacts straight into the tables, each with a city; group A holds all, group B the first {@code personalised}. */
    private static long[] seed(String dbUrl, int contacts, int personalised) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("insert into contact (id, phone, name, created_at, updated_at, version, consent) select nextval('contact_seq'),"
                    + " '+4477' || lpad(g::text, 8, '0'), 'Name ' || g, now(), now(), 0, 'SUBSCRIBED' from generate_series(1, " + contacts + ") g");
            s.execute("insert into contact_attribute (contact_id, name, value_text) select id, 'city',"
                    + " (array['Leeds','York','Hull','Bath','Derby','Leicester','Bristol','Exeter','Durham','Chester'])[1 + (id / 50) % 10] from contact");
            long a = group(s, "everyone");
            long b = group(s, "first " + personalised);
            s.execute("insert into group_member (group_id, contact_id, added_at) select " + a + ", id, now() from contact");
            s.execute("insert into group_member (group_id, contact_id, added_at) select " + b + ", id, now() from contact order by id limit " + personalised);
            s.execute("analyze");
            return new long[] {a, b};
        }
    }

    private static long group(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("insert into contact_group (id, name, created_at, updated_at, version) values (nextval('contact_group_seq'), '"
                + name + "', now(), now(), 0) returning id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The same SQL work as the console, by plain JDBC on a copy of the message table: the floor we cannot beat. */
    private static void raw(Connection c, long group, Map<String, String> figures) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("create table message_raw (like message including all)");
            s.execute("create sequence message_raw_seq");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long t = System.nanoTime();
        int queued;
        try (PreparedStatement ps = c.prepareStatement(QUEUE_SQL.formatted("message_raw", "message_raw_seq"))) {
            ps.setLong(1, 1);
            ps.setObject(2, now);
            ps.setObject(3, now);
            ps.setObject(4, now.plusDays(3));
            ps.setObject(5, now);
            ps.setObject(6, now);
            ps.setLong(7, group);
            queued = ps.executeUpdate();
        }
        figures.put("raw: the same INSERT ... SELECT queueing " + String.format("%,d", queued) + " rows", ms(t) + " ms");
        try (Statement s = c.createStatement()) {
            s.execute("analyze message_raw");
        }

        c.setAutoCommit(false);
        int slices = 100;
        t = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            ids.clear();
            try (PreparedStatement ps = c.prepareStatement("select id from message_raw where campaign_id = ? and state = 'QUEUED' and due_at <= ?"
                    + " order by due_at, id fetch first 1000 rows only for update skip locked")) {
                ps.setLong(1, 1);
                ps.setObject(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update message_raw set state = 'SENDING', client_reference = ?, lease_until = ?,"
                    + " claimed_at = ?, attempts = attempts + 1 where id = any (?)")) {
                ps.setString(1, "raw-" + i);
                ps.setObject(2, now.plusSeconds(90));
                ps.setObject(3, now);
                ps.setArray(4, c.createArrayOf("bigint", ids.toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update message_raw set state = 'SENT', batch_id = ?, sent_at = ?, lease_until = null"
                    + " where client_reference = ? and state = 'SENDING' and id = any (?)")) {
                ps.setString(1, "batch-" + i);
                ps.setObject(2, now);
                ps.setString(3, "raw-" + i);
                ps.setArray(4, c.createArrayOf("bigint", ids.toArray()));
                ps.executeUpdate();
            }
            c.commit();
        }
        long claimMs = Math.max(1, ms(t));
        figures.put("raw: claim 1000 + mark SENDING + mark SENT, one transaction, x" + slices, claimMs + " ms = "
                + String.format("%,d", slices * 1000L * 1000 / claimMs) + " messages/s");
        c.setAutoCommit(true);
        int updates = 10_000;
        t = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("update message_raw set state = 'DELIVERED', status_at = ? where batch_id = ? and phone = ?")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select batch_id, phone from message_raw where batch_id is not null limit " + updates)) {
                List<String[]> keys = new ArrayList<>();
                while (rs.next()) {
                    keys.add(new String[] {rs.getString(1), rs.getString(2)});
                }
                for (String[] k : keys) {
                    ps.setObject(1, now);
                    ps.setString(2, k[0]);
                    ps.setString(3, k[1]);
                    ps.executeUpdate();
                }
            }
        }
        long updMs = Math.max(1, ms(t));
        figures.put("raw: single-row update by (batch_id, phone), autocommit, x" + updates, updMs + " ms = "
                + String.format("%,d", updates * 1000L / updMs) + " updates/s");
        try (Statement s = c.createStatement()) {
            s.execute("drop table message_raw");
            s.execute("drop sequence message_raw_seq");
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long acceptedBatches(HttpClient http, ConsoleProcess sandbox) throws Exception {
        String body = http.send(HttpRequest.newBuilder(sandbox.url("/sandbox/control/counters")).header("Authorization", "Bearer sandbox-api-token").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"batches_accepted\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long timedMs(HttpClient http, ConsoleProcess console, String method, String path, String body) throws Exception {
        long t = System.nanoTime();
        http.send(request(console, path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return ms(t);
    }

    private static String post(HttpClient http, ConsoleProcess console, String path, String body, int expected) throws Exception {
        HttpRequest.Builder r = request(console, path).POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static long id(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static HttpRequest.Builder request(ConsoleProcess console, String path) {
        return HttpRequest.newBuilder(console.url(path)).timeout(Duration.ofMinutes(10)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
