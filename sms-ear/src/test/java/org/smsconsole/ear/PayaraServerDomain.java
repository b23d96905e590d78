package org.smsconsole.ear;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A domain of a real Payara Server made for one test run, driven with {@code asadmin} as an operator would: every
 * listener on 127.0.0.1 and on ports chosen free ({@link DomainPorts}, {@link LoopbackDomainXml}). Closing it stops
 * and deletes the domain; creating it first ends a server a crashed earlier run left behind.
 */
final class PayaraServerDomain implements AutoCloseable {

    private final Path home;
    private final Path domainsDir;
    private final String name;
    private final DomainPorts ports;
    private final Path asadminLog;

    private PayaraServerDomain(Path home, Path domainsDir, String name, DomainPorts ports) {
        this.home = home;
        this.domainsDir = domainsDir;
        this.name = name;
        this.ports = ports;
        this.asadminLog = domainsDir.resolve(name + "-asadmin.log");
    }

    /** A new domain {@code name} under {@code domainsDir}, not started. */
    static PayaraServerDomain create(Path home, Path domainsDir, String name) throws Exception {
        Files.createDirectories(domainsDir);
        endLeftover(domainsDir.resolve(name));
        PayaraServerDomain domain = new PayaraServerDomain(home, domainsDir, name, DomainPorts.free());
        Files.deleteIfExists(domain.asadminLog);
        List<String> create = new ArrayList<>(List.of("create-domain", "--nopassword", "--checkports=false",
                "--domaindir", domainsDir.toString()));
        create.addAll(domain.ports.createDomainOptions());
        create.add(name);
        domain.asadmin(Duration.ofMinutes(2), Map.of(), create);
        Path tmp = domain.dir().resolve("tmp");
        Files.createDirectories(tmp);
        LoopbackDomainXml.apply(domain.dir().resolve("config/domain.xml"), List.of(
                // Setting Hazelcast's interface alone is not enough: on first start it still listened on *:port.
                "-Dhazelcast.socket.bind.any=false",
                "-Djava.io.tmpdir=" + tmp));
        return domain;
    }

    /**
     * Starts the server. {@code environment} is what the server process sees beside the machine's own environment
     * (less any SMS_* variable of the test's JVM): the way an operator configures the console with env vars.
     */
    void start(Map<String, String> environment) throws Exception {
        asadmin(Duration.ofMinutes(4), environment, List.of("start-domain", "--domaindir", domainsDir.toString(), name));
    }

    void deploy(Path ear, String application) throws Exception {
        remote(Duration.ofMinutes(5), "deploy", "--name", application, ear.toString());
    }

    void undeploy(String application) throws Exception {
        remote(Duration.ofMinutes(2), "undeploy", application);
    }

    /** JVM system properties of the running server (as {@code -D}), applied at once and kept across restarts. */
    void setSystemProperties(Map<String, String> properties) throws Exception {
        String joined = properties.entrySet().stream()
                // asadmin's name=value:name=value syntax: a ':' or '=' inside a value is escaped with a backslash
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\="))
                .collect(Collectors.joining(":"));
        remote(Duration.ofMinutes(1), "create-system-properties", joined);
    }

    void deleteSystemProperty(String property) throws Exception {
        remote(Duration.ofMinutes(1), "delete-system-property", property);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + ports.http() + path);
    }

    DomainPorts ports() {
        return ports;
    }

    long pid() throws IOException {
        return Long.parseLong(Files.readString(dir().resolve("config/pid")).trim());
    }

    String serverLog() throws IOException {
        return Files.readString(dir().resolve("logs/server.log"), StandardCharsets.UTF_8);
    }

    Path dir() {
        return domainsDir.resolve(name);
    }

    /** Stops the server (killing it if it does not stop) and deletes the domain, whatever state it is in. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dir().resolve("config/pid"))) {
                asadmin(Duration.ofMinutes(2), Map.of(), List.of("stop-domain", "--kill=false", "--domaindir", domainsDir.toString(), name));
            }
        } finally {
            endLeftover(dir());
        }
    }

    private void remote(Duration timeout, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(ports.admin())));
        args.addAll(List.of(command));
        asadmin(timeout, Map.of(), args);
    }

    private void asadmin(Duration timeout, Map<String, String> environment, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString(), "--interactive=false"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(asadminLog.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("SMS_"));
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        long logged = Files.exists(asadminLog) ? Files.size(asadminLog) : 0;
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("asadmin " + args.get(0) + " took more than " + timeout + "; see " + asadminLog);
        }
        if (process.exitValue() != 0) {
            byte[] all = Files.readAllBytes(asadminLog);
            String output = new String(all, (int) Math.min(logged, all.length), (int) (all.length - Math.min(logged, all.length)), StandardCharsets.UTF_8);
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed (" + process.exitValue() + "):\n"
                    + output + "\nserver log: " + dir().resolve("logs/server.log"));
        }
    }

    /**
     * Ends the server of a domain directory left by an earlier run (its recorded pid, and any process whose command
     * line names this very directory) and deletes the directory.
     */
    private static void endLeftover(Path domainDir) throws Exception {
        Path pidFile = domainDir.resolve("config/pid");
        List<ProcessHandle> leftovers = new ArrayList<>();
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(leftovers::add);
        }
        String marker = domainDir.toAbsolutePath().toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker + "/") || c.contains(marker + " ") || c.endsWith(marker)).orElse(false))
                .forEach(leftovers::add);
        for (ProcessHandle process : leftovers) {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        if (Files.exists(domainDir)) {
            try (Stream<Path> files = Files.walk(domainDir)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
    }
}
