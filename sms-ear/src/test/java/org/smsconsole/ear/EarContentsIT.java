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
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The EAR for a full server holds every module and library exactly once: the application's own jars inside the web
 * module (where Payara injects their beans' resources), every other library and the JDBC drivers in lib/, and a WAR
 * manifest without a Class-Path (with the WAR's child-first class loading it would load lib/ a second time).
 */
class EarContentsIT {

    private static List<String> archives;
    private static String warClassPath;

    @BeforeAll
    static void read() throws IOException {
        archives = new ArrayList<>();
        try (ZipFile ear = new ZipFile(Path.of(System.getProperty("sms.ear")).toFile())) {
            for (ZipEntry entry : ear.stream().toList()) {
                if (entry.getName().endsWith(".jar") || entry.getName().endsWith(".war")) {
                    archives.add(entry.getName());
                }
                if (entry.getName().endsWith(".war")) {
                    try (InputStream in = ear.getInputStream(entry); JarInputStream war = new JarInputStream(in)) {
                        warClassPath = war.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
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
    }

    @Test
    void theApplicationsOwnJarsAreInTheWebModuleAndEveryOtherLibraryInLib() {
        List<String> inWar = archives.stream().filter(a -> a.contains("!/WEB-INF/lib/")).map(EarContentsIT::artifactOf).sorted().toList();
        assertEquals(List.of("sms-core", "sms-scheduler"), inWar, archives::toString);
        assertTrue(archives.stream().filter(a -> a.startsWith("lib/")).noneMatch(a -> a.contains("smsconsole")), archives::toString);
        assertTrue(archives.stream().anyMatch(a -> a.matches("lib/.*postgresql.*\\.jar")), "the JDBC drivers are EAR libraries");
        assertTrue(archives.stream().anyMatch(a -> a.matches("lib/.*h2database.*\\.jar")), "the JDBC drivers are EAR libraries");
        assertTrue(archives.stream().anyMatch(a -> a.matches("lib/.*hibernate-core.*\\.jar")), archives::toString);
    }

    @Test
    void theWebModulesManifestNamesNoClassPath() {
        assertNull(warClassPath, "a manifest Class-Path would load lib/ twice under the WAR's child-first class loading");
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
