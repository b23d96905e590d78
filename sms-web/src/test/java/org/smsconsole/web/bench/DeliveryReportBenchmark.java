package org.smsconsole.web.bench;

import org.smsconsole.sinch.webhook.WebhookSignature;
import org.smsconsole.web.system.ConsoleProcess;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Not a test: how many distinct recipient delivery reports per second the console stores when Sinch posts
 * them to {@code /api/webhooks/sinch}, on PostgreSQL. Starts the console (heap 512m, a webhook secret) on a
 * fresh database, seeds sent messages with batch ids, posts one signed report per message from a few
 * concurrent clients over HTTP, and prints reports/s beside the raw PostgreSQL figure for the same work: a
 * plain JDBC loop doing the same event insert and message update, autocommit. Also prints where the CPU went
 * (console, PostgreSQL, this client). Asserts nothing.
 * Run: {@code mvn -B -o -Pbench package -pl sms-core,sms-scheduler,sms-web -Dbench.audience.skip=true} (docs/benchmarks.md).
 */
public final class DeliveryReportBenchmark {

    private static final String SECRET = "benchmark webhook secret";
    private static final int PER_BATCH = 1000;
    private static final Instant REPORTED_AT = Instant.parse("2026-01-01T10:00:00Z");

    // The same two statements DeliveryReceipts runs for a recipient report (insert the event, move the message).
    private static final String INSERT = "insert into delivery_event (id, event_key, type, batch_id, recipient, status, code,"
            + " status_count, status_at, orphan, received_at) select nextval('delivery_event_seq'), ?, 'recipient_delivery_report_sms',"
            + " ?, ?, 'Delivered', 0, null, ?, not exists (select 1 from message where batch_id = ? and phone = ?), ? on conflict do nothing";
    private static final String UPDATE = "update message set state = 'DELIVERED', delivery_status = 'Delivered', delivery_code = 0,"
            + " status_at = ?, reason = null where batch_id = ? and phone = ? and state in ('SENDING', 'SENT')";

    public static void main(String[] args) throws Exception {
        int reports = Integer.getInteger("bench.reports", 20_000);
        int clients = Integer.getInteger("bench.clients", 8);
        int warmup = Integer.getInteger("bench.warmup", 5_000);
        String adminUrl = System.getProperty("sms.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "sms_bench_reports_" + System.currentTimeMillis();
        Path work = Path.of(System.getProperty("work.dir", "target/bench"), database);
        Files.createDirectories(work);
        String dbUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        ConsoleProcess console = new ConsoleProcess(work, Map.of("SMS_DB_URL", dbUrl, "SMS_DB_USER", "postgres",
                "SMS_DB_PASSWORD", "postgres", "SMS_ADMIN_PASSWORD", "benchmark admin password",
                "SMS_SINCH_WEBHOOK_SECRET", SECRET)).heap("512m");
        Map<String, String> figures = new LinkedHashMap<>();
        try {
            console.start();
            try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
                seed(c, "BENCHWARM", 0, warmup);
                seed(c, "BENCHHTTP", 10_000_000, reports);
                seed(c, "BENCHJDBC", 20_000_000, reports);
                seed(c, "BENCHPARA", 30_000_000, reports);
                try (Statement s = c.createStatement()) {
                    s.execute("analyze message");
                }
            }
            post(console, "BENCHWARM", 0, warmup, clients); // JIT, pools and caches warm; not counted

            String jfr = System.getProperty("bench.jfr", "");
            if (!jfr.isBlank()) {
                jcmd(console.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + Path.of(jfr).toAbsolutePath());
            }
            Cpu before = Cpu.now(console.pid());
            Run run = post(console, "BENCHHTTP", 10_000_000, reports, clients);
            Cpu used = Cpu.now(console.pid()).minus(before);
            if (!jfr.isBlank()) {
                jcmd(console.pid(), "JFR.stop", "name=bench");
                figures.put("HTTP: console flight recording", jfr);
            }
            figures.put("HTTP: reports stored (" + clients + " clients)", String.format("%,d in %.2f s = %,.0f reports/s",
                    run.ok, run.seconds, run.ok / run.seconds));
            figures.put("HTTP: latency per POST", String.format("median %.2f ms, p99 %.2f ms, max %.1f ms", run.percentile(50), run.percentile(99),
                    run.percentile(100)));
            figures.put("HTTP: refused or failed", run.failed + (run.firstFailure.get() == null ? "" : " (first: " + run.firstFailure.get() + ")"));
            figures.put("HTTP: CPU per report", used.perReport(reports));
            try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select (select count(*) from message where batch_id like 'BENCHHTTP%' and state = 'DELIVERED'),"
                         + " (select count(*) from delivery_event where batch_id like 'BENCHHTTP%')")) {
                rs.next();
                figures.put("HTTP: check (messages DELIVERED, events stored)", rs.getLong(1) + ", " + rs.getLong(2));
            }

            before = Cpu.now(console.pid());
            double single = jdbc(dbUrl, "BENCHJDBC", 20_000_000, reports, 1);
            Cpu jdbcCpu = Cpu.now(console.pid()).minus(before);
            figures.put("raw PostgreSQL: JDBC loop, 1 connection, autocommit", String.format("%,.0f reports/s", single));
            figures.put("raw PostgreSQL: CPU per report (1 connection)", jdbcCpu.perReport(reports));
            double parallel = jdbc(dbUrl, "BENCHPARA", 30_000_000, reports, clients);
            figures.put("raw PostgreSQL: JDBC loop, " + clients + " connections, autocommit", String.format("%,.0f reports/s", parallel));
        } finally {
            console.stop();
            try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
        System.out.println();
        System.out.println("=== Delivery report benchmark: " + String.format("%,d", reports) + " recipient reports on PostgreSQL, console -Xmx512m, "
                + Runtime.getRuntime().availableProcessors() + " cores ===");
        figures.forEach((k, v) -> System.out.printf("%-60s %s%n", k, v));
    }

    /** -Dbench.jfr=file records the console's execution samples during the measured run (jfr print to read it). */
    private static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + ": " + out);
        }
    }

    /** {@code count} SENT messages in batches of 1000, phones {@code +4477} followed by 8 digits from {@code first}. */
    private static void seed(Connection c, String prefix, int first, int count) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("insert into message (id, phone, kind, body, state, due_at, expire_at, attempts, solo,"
                + " client_reference, batch_id, sent_at, created_at) select nextval('message_seq'), '+4477' || lpad((? + g)::text, 8, '0'),"
                + " 'DIRECT', 'Your code is 1234', 'SENT', now(), now() + interval '3 days', 1, false, 'bench', ? || lpad((g / "
                + PER_BATCH + ")::text, 17, '0'), now(), now() from generate_series(0, ? - 1) g")) {
            ps.setInt(1, first);
            ps.setString(2, prefix);
            ps.setInt(3, count);
            ps.executeUpdate();
        }
    }

    private static String batch(String prefix, int i) {
        return prefix + String.format("%017d", i / PER_BATCH);
    }

    private static String digits(int first, int i) {
        return "4477" + String.format("%08d", first + i);
    }

    private static Run post(ConsoleProcess console, String prefix, int first, int count, int clients) throws Exception {
        WebhookSignature signer = WebhookSignature.of(SECRET, Clock.systemUTC());
        AtomicInteger next = new AtomicInteger();
        long[] micros = new long[count];
        Run run = new Run();
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            workers.add(pool.submit(() -> {
                KeepAlive connection = new KeepAlive(console.url("/"));
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String at = REPORTED_AT.plusMillis(i).toString();
                        byte[] body = ("{\"type\":\"recipient_delivery_report_sms\",\"batch_id\":\"" + batch(prefix, i) + "\",\"recipient\":\""
                                + digits(first, i) + "\",\"code\":0,\"status\":\"Delivered\",\"at\":\"" + at + "\",\"operator_status_at\":\"" + at
                                + "\",\"client_reference\":\"bench\",\"encoding\":\"GSM\",\"number_of_message_parts\":1}").getBytes(StandardCharsets.UTF_8);
                        Map<String, String> headers = signer.signedHeaders(body, UUID.randomUUID().toString(), Instant.now().getEpochSecond());
                        long t = System.nanoTime();
                        if (!connection.open) {
                            connection = new KeepAlive(console.url("/")); // the server ends a connection after so many requests
                        }
                        try {
                            int status = connection.post("/api/webhooks/sinch", headers, body);
                            if (status == 200) {
                                ok.incrementAndGet();
                            } else {
                                run.fail(status + " " + connection.lastBody);
                            }
                        } catch (IOException e) {
                            run.fail(e.toString());
                            connection.close();
                        }
                        micros[i] = (System.nanoTime() - t) / 1000;
                    }
                } finally {
                    connection.close();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        run.seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        run.ok = ok.get();
        run.micros = micros;
        return run;
    }

    /**
     * HTTP/1.1 with keep-alive on a plain socket, as a load balancer or Sinch's own poster would hold it: the
     * lightest client there is, so that on this shared 2-core machine the CPU goes to the console, not to a
     * client library (the JDK HttpClient cost about 1.3 ms of CPU per request here).
     */
    private static final class KeepAlive {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;
        String lastBody;
        boolean open = true;

        KeepAlive(URI base) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            host = base.getHost() + ":" + base.getPort();
        }

        int post(String path, Map<String, String> headers, byte[] body) throws IOException {
            StringBuilder head = new StringBuilder(512).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                    .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = 0;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    open = false;
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                    answer.write(in.readNBytes(size));
                    line();
                }
                line();
            } else {
                answer.write(in.readNBytes(length));
            }
            lastBody = answer.toString(StandardCharsets.UTF_8);
            if (!open) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the console closed the connection");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** The same insert and update per report, autocommit (two commits each), on {@code connections} threads. */
    private static double jdbc(String dbUrl, String prefix, int first, int count, int connections) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            workers.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
                     PreparedStatement insert = c.prepareStatement(INSERT); PreparedStatement update = c.prepareStatement(UPDATE)) {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String batch = batch(prefix, i);
                        String phone = "+" + digits(first, i);
                        OffsetDateTime at = OffsetDateTime.ofInstant(REPORTED_AT.plusMillis(i), ZoneOffset.UTC);
                        insert.setString(1, sha256(prefix + i));
                        insert.setString(2, batch);
                        insert.setString(3, phone);
                        insert.setObject(4, at);
                        insert.setString(5, batch);
                        insert.setString(6, phone);
                        insert.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
                        insert.executeUpdate();
                        update.setObject(1, at);
                        update.setString(2, batch);
                        update.setString(3, phone);
                        update.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Keys as long as the console's (a SHA-256 in hex), so the unique index costs the same. */
    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** One timed run of POSTs. */
    private static final class Run {
        int ok;
        double seconds;
        long[] micros;
        final AtomicInteger failedCount = new AtomicInteger();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        int failed;

        void fail(String what) {
            failed = failedCount.incrementAndGet();
            firstFailure.compareAndSet(null, what);
        }

        double percentile(int p) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(index, 0)] / 1000.0;
        }
    }

    /**
     * CPU seconds from /proc (Linux): the console's JVM, every postgres process (all databases of the server),
     * this JVM (the HTTP clients), and the whole machine busy and idle.
     */
    private record Cpu(double console, double postgres, double client, double machineBusy, double machineIdle) {
        private static final double TICK = 100.0; // USER_HZ

        static Cpu now(long consolePid) throws Exception {
            double pg = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                    try {
                        if (Files.readString(p.resolve("comm")).trim().startsWith("postgres")) {
                            pg += ticks(p);
                        }
                    } catch (java.io.IOException gone) {
                        // a process that ended while we looked
                    }
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[i]);
            }
            double idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            double self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            return new Cpu(ticks(Path.of("/proc", Long.toString(consolePid))) / TICK, pg / TICK, self, busy / TICK, idle / TICK);
        }

        private static double ticks(Path proc) throws java.io.IOException {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(console - earlier.console, postgres - earlier.postgres, client - earlier.client,
                    machineBusy - earlier.machineBusy, machineIdle - earlier.machineIdle);
        }

        String perReport(int reports) {
            double us = 1e6 / reports;
            double other = machineBusy - console - postgres - client;
            return String.format("console %.0f µs, postgres %.0f µs, bench client %.0f µs, rest of machine %.0f µs; machine %.0f%% busy",
                    console * us, postgres * us, client * us, other * us, 100 * machineBusy / (machineBusy + machineIdle));
        }
    }
}
