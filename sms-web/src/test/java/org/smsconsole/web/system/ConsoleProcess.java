package org.smsconsole.web.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The console as an operator runs it: the built WAR on Payara Micro in its own process, with
 * the environment and working directory a test chooses. Started and stopped for real, so that
 * restarts and database outages can be tested.
 */
public final class ConsoleProcess implements AutoCloseable {

    private final Path workDir;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private String heap = "768m";
    private Duration startTimeout = Duration.ofSeconds(240);
    private Process process;

    public ConsoleProcess(Path workDir, Map<String, String> environment) throws IOException {
        this(workDir, environment, freePort());
    }

    private ConsoleProcess(Path workDir, Map<String, String> environment, int port) throws IOException {
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
        this.port = port;
        this.log = workDir.resolve("console.log");
        Files.createDirectories(workDir);
    }

    /** The console's maximum heap ({@code -Xmx}), 768m unless a test says otherwise. */
    public ConsoleProcess heap(String xmx) {
        this.heap = xmx;
        return this;
    }

    /** How long {@link #start} waits for the console to answer (a benchmark on a busy machine may need longer). */
    public ConsoleProcess startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /**
     * Starts the console and waits until it answers. Payara Micro 6 sometimes fails its own boot on a race between its
     * start-up services (a ConcurrentModificationException in a config listener, then "Failed to start, exiting";
     * payara/Payara#6101): that, and only that, is tried once more.
     */
    public ConsoleProcess start() throws IOException {
        for (int attempt = 1; ; attempt++) {
            long logged = Files.exists(log) ? Files.size(log) : 0;
            try {
                launch();
                return this;
            } catch (RuntimeException | Error e) {
                if (attempt > 1 || !payaraBootRace(logged)) {
                    throw e;
                }
            }
        }
    }

    private boolean payaraBootRace(long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        String attempt = new String(all, start, all.length - start, java.nio.charset.StandardCharsets.UTF_8);
        return attempt.contains("Failed to start, exiting") && attempt.contains("java.util.ConcurrentModificationException");
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap));
        // Tests set console.jvm.options (quicker start); benchmarks leave it unset and get the JVM's defaults.
        for (String option : System.getProperty("console.jvm.options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of(
                "-Dh2.bindAddress=127.0.0.1",
                "-Djava.io.tmpdir=" + workDir.toAbsolutePath(),
                "-DSMS_PORT=" + port,
                "-jar", System.getProperty("payara.micro.jar"),
                "--deploy", System.getProperty("sms.web.war"),
                "--contextroot", "/",
                "--port", String.valueOf(port),
                "--nohazelcast",
                "--prebootcommandfile", System.getProperty("payara.preboot")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Nothing from the test JVM's own SMS_* environment leaks in: the test says exactly what is set.
        builder.environment().keySet().removeIf(k -> k.startsWith("SMS_"));
        builder.environment().putAll(environment);
        process = builder.start();
        try {
            awaitHealthAnswer();
        } catch (RuntimeException | Error e) {
            process.destroyForcibly(); // never leave a half-started console behind
            throw e;
        }
    }

    private void awaitHealthAnswer() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await("console on port " + port + " (log: " + log + ")")
                .atMost(startTimeout).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The console exited with " + process.exitValue() + "; see " + log);
                    }
                    String logged = Files.exists(log) ? Files.readString(log) : "";
                    if (logged.contains("Exception while preparing the app") || logged.contains("Exception while loading the app")) {
                        throw new IllegalStateException("The console failed to deploy; see " + log);
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(url("/api/health")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: Payara shuts down cleanly and H2 closes its file
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGKILL: the crash a test wants, no shutdown hooks, nothing flushed. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The console's JVM, for benchmarks that read its CPU time. */
    public long pid() {
        return process.pid();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** The same console (directory, port) with another environment, e.g. one that names its own URL. Not started. */
    public ConsoleProcess withEnvironment(Map<String, String> changed) throws IOException {
        return new ConsoleProcess(workDir, changed, port);
    }

    public Path workDir() {
        return workDir;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
