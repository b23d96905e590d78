package org.smsconsole.scheduler.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape read back: each sample line by its series ({@code name{labels}} as written), each {@code # TYPE}. */
final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)");

    private final String text;
    private final Map<String, Double> values = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new AssertionError("not a sample line: " + line);
                }
                values.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
    }

    static Scrape of(String text) {
        return new Scrape(text);
    }

    double value(String series) {
        Double v = values.get(series);
        if (v == null) {
            throw new AssertionError("no series " + series + " in:\n" + text);
        }
        return v;
    }

    String type(String name) {
        return types.get(name);
    }

    /** The value of one label on the first series of this name. */
    String firstLabel(String name, String label) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\{[^}]*" + label + "=\"([^\"]*)\"").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + name + " with " + label + " in:\n" + text);
        }
        return m.group(1);
    }
}
