package org.smsconsole.sinch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one reader of Sinch JSON test vectors, from either of two places:
 * <ul>
 *   <li>{@link #project()}: the project's own vectors, {@code sinch/} on the test class path
 *       ({@code sms-core/src/test/resources/sinch}; sms-web's tests get them through sms-core's test jar, the
 *       in-container tests through their deployment). Listed by {@code sinch/index.txt}, since a folder on the class
 *       path of a deployed application cannot be listed;</li>
 *   <li>{@link #folder(Path)}: every {@code .json} file below a folder, such as a copy of Sinch's own SDK samples.</li>
 * </ul>
 * Names are paths relative to that root with {@code /} ({@code batches/text-batch.json}). A missing folder, index or
 * vector is an {@link AssertionError}: a test without its vectors fails, it never passes or skips quietly.
 */
public final class SinchVectors {

    /** Where the project's vectors are on the class path. */
    public static final String ROOT = "sinch/";
    /** The list of the project's vectors, one name a line. */
    public static final String INDEX = ROOT + "index.txt";

    private final Path folder;
    private final List<String> names;

    private SinchVectors(Path folder, List<String> names) {
        this.folder = folder;
        this.names = List.copyOf(names);
    }

    /** The project's own vectors, listed by {@code sinch/index.txt}. */
    public static SinchVectors project() {
        List<String> names = new ArrayList<>();
        try (InputStream in = open(INDEX);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(INDEX, e);
        }
        if (names.isEmpty()) {
            throw new AssertionError(INDEX + " lists no vector");
        }
        return new SinchVectors(null, names);
    }

    /** Every {@code .json} file below {@code dir}, sorted by name. */
    public static SinchVectors folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("Folder of Sinch JSON samples missing: " + dir.toAbsolutePath());
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> names = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
            if (names.isEmpty()) {
                throw new AssertionError("No .json file below " + dir.toAbsolutePath());
            }
            return new SinchVectors(dir, names);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.toString(), e);
        }
    }

    public List<String> names() {
        return names;
    }

    /** The names that start so ({@code "callbacks/"}, {@code "inbounds/list-page-"}). */
    public List<String> names(String prefix) {
        return names.stream().filter(name -> name.startsWith(prefix)).toList();
    }

    /** The vector's text (UTF-8). */
    public String read(String name) {
        try {
            if (folder != null) {
                Path file = folder.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new AssertionError("Sinch JSON sample missing: " + file.toAbsolutePath());
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in = open(ROOT + name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    /** Where the vectors come from, for messages. */
    public String source() {
        return folder != null ? folder.toAbsolutePath().toString() : "class path " + ROOT;
    }

    private static InputStream open(String resource) {
        InputStream in = SinchVectors.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new AssertionError("Test vector missing from the class path: " + resource);
        }
        return in;
    }

    @Override
    public String toString() {
        return names.size() + " vectors from " + source();
    }
}
