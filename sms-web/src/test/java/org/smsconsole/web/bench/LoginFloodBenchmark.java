package org.smsconsole.web.bench;

import org.smsconsole.web.system.ConsoleProcess;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: whether a flood of failed logins can starve a real sign-in. Starts the console (H2) trusting 127.0.0.1 as
 * a proxy, so that {@code X-Forwarded-For} gives each request the source address a scenario wants. Times the admin's
 * form sign-in (the page's POST, PBKDF2 included) alone, then while {@code bench.clients} threads send failed HTTP Basic
 * logins as fast as answers come, for {@code bench.seconds} seconds per scenario:
 * <ol>
 *   <li>unknown names, all from one address;</li>
 *   <li>unknown names, each request from a new address (a distributed flood);</li>
 *   <li>wrong passwords for the real admin name, each from a new address (every one must be hashed).</li>
 * </ol>
 * Prints failed logins answered per second and the admin's sign-in times (median, max). Asserts nothing.
 * Run: {@code mvn -B -o -Pbench package -pl sms-core,sms-scheduler,sms-web -am -Dbench.audience.skip=true
 * -Dbench.release.skip=true -Dbench.reports.skip=true} (docs/benchmarks.md).
 */
public final class LoginFloodBenchmark {

    private static final String PASSWORD = "benchmark admin password";
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final String ADMIN_SOURCE = "198.51.100.1";

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 8);
        int seconds = Integer.getInteger("bench.seconds", 30);
        Path work = Path.of(System.getProperty("work.dir", "target/bench"), "logins-" + System.currentTimeMillis());
        Files.createDirectories(work);
        ConsoleProcess console = new ConsoleProcess(work, Map.of("SMS_ADMIN_PASSWORD", PASSWORD, "SMS_TRUSTED_PROXIES", "127.0.0.1"))
                .startTimeout(Duration.ofMinutes(10));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, String> figures = new LinkedHashMap<>();
        try {
            console.start();
            signIn(http, console); // warm-up: the page, Faces and PBKDF2 compiled once
            figures.put("admin sign-in alone", describe(signIns(http, console, 10, Duration.ofMillis(500), new AtomicBoolean(true))));
            figures.put("unknown names, one address", flood(http, console, clients, seconds, () -> "203.0.113.1", false));
            figures.put("unknown names, a new address each", flood(http, console, clients, seconds, LoginFloodBenchmark::randomSource, false));
            figures.put("admin's name, wrong passwords, a new address each", flood(http, console, clients, seconds,
                    LoginFloodBenchmark::randomSource, true));
        } finally {
            console.stop();
        }
        System.out.println();
        System.out.println("Login flood (" + clients + " threads, " + seconds + " s per scenario, " + Runtime.getRuntime().availableProcessors()
                + " cores):");
        figures.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }

    private static String flood(HttpClient http, ConsoleProcess console, int clients, int seconds, Supplier<String> source,
                                boolean knownName) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refusedAtOnce = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.submit(() -> {
                while (running.get()) {
                    String name = knownName ? "admin" : "nobody-" + ThreadLocalRandom.current().nextInt(1_000_000);
                    String basic = Base64.getEncoder().encodeToString((name + ":guess-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(console.url("/api/templates"))
                                .header("Authorization", "Basic " + basic).header("X-Forwarded-For", source.get())
                                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                        answered.incrementAndGet();
                        if (answer.body().contains("from your address")) {
                            refusedAtOnce.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // a timeout counts as nothing answered
                    }
                }
                return null;
            });
        }
        long started = System.nanoTime();
        List<Long> times;
        try {
            TimeUnit.SECONDS.sleep(2); // let the flood reach its pace
            times = signIns(http, console, Integer.MAX_VALUE, Duration.ofSeconds(2), running, started + TimeUnit.SECONDS.toNanos(seconds));
        } finally {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return String.format("%.1f failed logins answered/s (%d refused at once by the address budget); admin sign-in %s",
                answered.get() / elapsed, refusedAtOnce.get(), describe(times));
    }

    private static List<Long> signIns(HttpClient http, ConsoleProcess console, int count, Duration pause, AtomicBoolean running) throws Exception {
        return signIns(http, console, count, pause, running, Long.MAX_VALUE);
    }

    private static List<Long> signIns(HttpClient http, ConsoleProcess console, int count, Duration pause, AtomicBoolean running,
                                      long until) throws Exception {
        List<Long> times = new ArrayList<>();
        while (times.size() < count && running.get() && System.nanoTime() < until) {
            times.add(signIn(http, console));
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
        }
        return times;
    }

    /** One sign-in as a browser makes it: the login page, then its form's POST; returns the POST's milliseconds. */
    private static long signIn(HttpClient http, ConsoleProcess console) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(console.url("/login.xhtml")).header("X-Forwarded-For", ADMIN_SOURCE)
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher viewState = VIEW_STATE.matcher(page.body());
        if (!viewState.find()) {
            throw new IllegalStateException("no view state on the login page");
        }
        String form = "loginForm=loginForm&loginForm%3Ausername=admin&loginForm%3Apassword=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&loginForm%3AsignIn=&jakarta.faces.ViewState=" + URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8);
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(console.url("/login.xhtml")).header("Cookie", cookie)
                .header("X-Forwarded-For", ADMIN_SOURCE).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (answer.statusCode() != 302 || !answer.headers().firstValue("Location").orElse("").contains("dashboard")) {
            throw new IllegalStateException("the admin's sign-in failed: " + answer.statusCode() + " " + answer.body());
        }
        return millis;
    }

    /** An address from IPv6's documentation prefix (only ever a header value here; nothing is sent to it). */
    private static String randomSource() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "2001:db8::" + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000));
    }

    private static String describe(List<Long> millis) {
        if (millis.isEmpty()) {
            return "none completed";
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format("median %d ms, max %d ms over %d", sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
    }
}
