package org.smsconsole.ear;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EAR for a full server holds every module and library exactly once (a skinny WAR inside). */
class EarContentsIT {

    private static List<String> archives;

    @BeforeAll
    static void read() throws IOException {
        archives = new ArrayList<>();
        try (ZipFile ear = new ZipFile(Path.of(System.getProperty("sms.ear")).toFile())) {
            for (ZipEntry entry : ear.stream().toList()) {
                if (entry.getName().endsWith(".jar") || entry.getName().endsWith(".war")) {
                    archives.add(entry.getName());
                }
                if (entry.getName().endsWith(".war")) {
                    try (InputStream in = ear.getInputStream(entry); ZipInputStream war = new ZipInputStream(in)) {
                        for (ZipEntry inner; (inner = war.getNextEntry()) != null; ) {
                            if (inner.getName().endsWith(".jar")) {
                                archives.add(entry.getName() + "!/" + inner.getName());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void eachModuleIsInTheEarExactlyOnce() {
        Map<String, Long> counts = countsByArtifact();
        assertEquals(1L, counts.get("sms-core"), archives::toString);
        assertEquals(1L, counts.get("sms-scheduler"), archives::toString);
        assertEquals(1L, counts.get("sms-web"), archives::toString);
    }

    @Test
    void noLibraryIsPackagedTwice() {
        Map<String, Long> twice = countsByArtifact().entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertTrue(twice.isEmpty(), () -> "packaged more than once: " + twice + " in " + archives);
        assertTrue(archives.stream().noneMatch(a -> a.contains("WEB-INF/lib/")), () -> "the WAR is not skinny: " + archives);
        assertTrue(archives.stream().anyMatch(a -> a.matches("lib/.*postgresql.*\\.jar")), "the JDBC drivers are EAR libraries");
    }

    @Test
    void theSinchClientsConnectorIsAnEarLibraryAndJerseyItselfIsTheServers() {
        // Without the connector the client would fall back to HttpURLConnection, which re-sends a POST on a dropped connection.
        assertTrue(archives.stream().anyMatch(a -> a.matches("lib/.*jersey-jnh-connector.*\\.jar")), archives::toString);
        assertTrue(archives.stream().noneMatch(a -> a.matches(".*/jersey-(client|common)-.*\\.jar")),
                () -> "Jersey is provided by the server: " + archives);
    }

    private static Map<String, Long> countsByArtifact() {
        return archives.stream().map(EarContentsIT::artifactOf).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String artifactOf(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        Matcher m = Pattern.compile("^(?:org\\.smsconsole-|[a-z0-9]+(?:\\.[a-z0-9]+)+-)?(.+?)-\\d.*\\.(jar|war)$").matcher(file);
        return m.matches() ? m.group(1) : file;
    }
}
