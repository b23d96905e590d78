package org.smsconsole.web.bench;

import org.postgresql.PGConnection;
import org.smsconsole.web.system.ConsoleProcess;

import java.io.BufferedWriter;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: imports 1,000,000 generated contacts into a fresh PostgreSQL database through the
 * REST import of a real console process, times a plain COPY of the same rows beside it, then times
 * first pages and searches through the REST API. Prints figures; asserts nothing.
 * Run: {@code mvn -B -o -Pbench package -pl sms-core,sms-scheduler,sms-web} (see docs/benchmarks.md).
 */
public final class AudienceBenchmark {

    private static final String PASSWORD = "benchmark admin password";
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Edsger", "Donald",
            "Frances", "John", "Radia", "Tim", "Katherine", "Guido", "Anita", "Bjarne", "Hedy", "James"};
    private static final String[] LAST = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
            "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke"};
    private static final String[] CITY = {"Leeds", "York", "Hull", "Bath", "Derby", "Leicester", "Bristol", "Exeter", "Durham", "Chester"};

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(System.getProperty("bench.rows", "1000000"));
        int warmupRows = Integer.parseInt(System.getProperty("bench.warmup.rows", "100000"));
        String adminUrl = System.getProperty("sms.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "sms_bench_" + System.currentTimeMillis();
        Path work = Path.of(System.getProperty("work.dir", "target/bench"), database);
        Files.createDirectories(work);
        String dbUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        Path csv = work.resolve("contacts.csv");
        long t = System.nanoTime();
        generate(csv, rows, 7_400_000_000L);
        System.out.printf("Generated %,d rows (%,d bytes) in %d ms%n", rows, Files.size(csv), ms(t));

        ConsoleProcess console = new ConsoleProcess(work, Map.of("SMS_DB_URL", dbUrl, "SMS_DB_USER", "postgres",
                "SMS_DB_PASSWORD", "postgres", "SMS_ADMIN_PASSWORD", PASSWORD, "SMS_DEFAULT_COUNTRY", "GB"));
        try {
            console.start();
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("plain COPY of the same rows into a bare table", copy(dbUrl, csv) + " ms");

            HttpClient http = HttpClient.newHttpClient();
            if (warmupRows > 0) {
                // The console has just started: its first import pays for compiling the import's code (a core's worth
                // of JIT for a while). A long-running console has done that long ago, so warm it up and start afresh.
                Path warmup = work.resolve("warmup.csv");
                generate(warmup, warmupRows, 7_800_000_000L);
                long w = System.nanoTime();
                String warmed = runImport(http, console, warmup);
                figures.put("warm-up: import of " + String.format("%,d", warmupRows) + " other rows just after start (then deleted)",
                        ms(w) + " ms, " + warmed.replaceAll(".*\"created\":(\\d+).*", "$1") + " created");
                try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement()) {
                    s.execute("delete from contact");
                    s.execute("vacuum analyze contact, contact_attribute");
                }
            }
            t = System.nanoTime();
            String state = runImport(http, console, csv);
            String job = number(state, "id");
            long wall = ms(t);
            figures.put("REST import, upload to job done (wall clock)", wall + " ms");
            figures.put("import job result", state.replaceAll(",\"rejections\".*", "").replaceAll(".*\"total_rows\"", "\"total_rows\""));
            try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select extract(epoch from finished_at - created_at) * 1000, (select count(*) from contact)"
                         + " from import_job where id = " + job)) {
                rs.next();
                figures.put("import job time (created_at to finished_at, server side)", Math.round(rs.getDouble(1)) + " ms");
                figures.put("contacts in the table", String.format("%,d", rs.getLong(2)));
            }

            String group = number(http.send(request(console, "/api/groups").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench\"}")).build(), HttpResponse.BodyHandlers.ofString()).body(), "id");
            List<String> screens = List.of(
                    "/api/contacts?page_size=25",
                    "/api/contacts?page_size=25&sort=phone",
                    "/api/contacts?page_size=25&sort=created_at&order=desc",
                    "/api/contacts?page_size=25&page=100",
                    "/api/contacts?page_size=25&q=zebedee",
                    "/api/contacts?page_size=25&q=smith",
                    "/api/contacts?page_size=25&q=grace+wood",
                    "/api/contacts?page_size=25&q=7400123456",
                    "/api/contacts?page_size=25&q=123456",
                    "/api/contacts?page_size=25&attribute=city&attribute_value=leeds",
                    "/api/contacts?page_size=25&attribute=plan&attribute_value=platinum",
                    "/api/groups/" + group + "/members?page_size=25",
                    "/api/groups");
            for (String path : screens) {
                figures.put("GET " + path, timed(http, console, path));
            }
            t = System.nanoTime();
            HttpResponse<String> export = get(http, console, "/api/contacts/export");
            figures.put("GET /api/contacts/export (all, streamed)", ms(t) + " ms, " + export.body().lines().count() + " lines");

            System.out.println();
            System.out.println("=== Audience benchmark: " + String.format("%,d", rows) + " contacts on PostgreSQL ===");
            figures.forEach((k, v) -> System.out.printf("%-70s %s%n", k, v));
        } finally {
            console.stop();
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("Kept the database for a look: " + dbUrl);
            } else {
                try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + database + " with (force)");
                }
            }
        }
    }

    /** Median of 5 after one warm-up, with the answer's count. */
    private static String timed(HttpClient http, ConsoleProcess console, String path) throws Exception {
        HttpResponse<String> first = get(http, console, path);
        if (first.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + first.body());
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            get(http, console, path);
            times.add((System.nanoTime() - t) / 1000);
        }
        times.sort(null);
        Matcher count = Pattern.compile("\"count\":(\\d+),\"count_exact\":(true|false)").matcher(first.body());
        String counted = count.find() ? " (count " + count.group(1) + (count.group(2).equals("true") ? "" : ", estimate/cap") + ")" : "";
        return String.format("median %.1f ms, min %.1f ms%s", times.get(2) / 1000.0, times.get(0) / 1000.0, counted);
    }

    private static long copy(String dbUrl, Path csv) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create table copy_check (phone varchar(16), name varchar(200), city varchar(500), plan varchar(500))");
            long t = System.nanoTime();
            try (Reader in = Files.newBufferedReader(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy copy_check from stdin with (format csv, header true)", in);
            }
            long elapsed = ms(t);
            s.execute("drop table copy_check");
            return elapsed;
        }
    }

    /** Uploads {@code csv} to the import API and waits for the job to end; returns the job as JSON. */
    private static String runImport(HttpClient http, ConsoleProcess console, Path csv) throws Exception {
        HttpResponse<String> accepted = http.send(request(console, "/api/contacts/import?default_country=GB")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(accepted.body());
        }
        String job = number(accepted.body(), "id");
        String[] latest = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofHours(1)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> {
                    latest[0] = get(http, console, "/api/jobs/" + job).body();
                    return latest[0].contains("\"state\":\"done\"") || latest[0].contains("\"state\":\"failed\"");
                });
        if (!latest[0].contains("\"state\":\"done\"")) {
            throw new IllegalStateException("Import failed: " + latest[0]);
        }
        return latest[0];
    }

    private static void generate(Path csv, int rows, long firstNumber) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("phone,name,city,plan\n");
            for (int i = 0; i < rows; i++) {
                String name = i % 100_000 == 7 ? "Zebedee Quux " + i : FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length];
                String plan = i % 10_000 == 3 ? "platinum" : (i % 3 == 0 ? "gold" : "silver");
                out.write(String.format("+44%010d,%s,%s,%s%n", firstNumber + i, name, CITY[(i / 7) % CITY.length], plan));
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, ConsoleProcess console, String path) throws Exception {
        return http.send(request(console, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(ConsoleProcess console, String path) {
        return HttpRequest.newBuilder(console.url(path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static String number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(json);
        }
        return m.group(1);
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
