package org.smsconsole.web.it;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape checked against the Prometheus text format (0.0.4) as it is read: {@code # HELP} and {@code # TYPE}
 * lines, then samples {@code name{label="value",...} number}, each of a family whose type was declared before it.
 */
final class PrometheusExposition {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + ")(?:," + LABEL + ")*})? "
            + "([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))");

    private final String text;
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, Double> samples = new HashMap<>();

    private PrometheusExposition(String text) {
        this.text = text;
        Set<String> helped = new HashSet<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("line " + n + ": a second TYPE for " + m.group(1));
                }
            } else if ((m = HELP.matcher(line)).matches()) {
                helped.add(m.group(1));
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String family = family(m.group(1));
                if (family == null) {
                    throw new AssertionError("line " + n + ": a sample before its family's TYPE: " + line);
                }
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3).replace("Inf", "Infinity")));
            } else {
                throw new AssertionError("line " + n + " is not Prometheus text: " + line);
            }
        }
        if (!text.endsWith("\n")) {
            throw new AssertionError("the text must end with a line feed");
        }
        if (!helped.containsAll(types.keySet())) {
            throw new AssertionError("families without HELP");
        }
    }

    static PrometheusExposition parse(String text) {
        return new PrometheusExposition(text);
    }

    /** The declared type of a family, or null. */
    String type(String family) {
        return types.get(family);
    }

    double value(String series) {
        Double v = samples.get(series);
        if (v == null) {
            throw new AssertionError("no series " + series + " in the scrape");
        }
        return v;
    }

    /** The sum of every sample of this name whose labels contain all of {@code labels} (e.g. {@code status="201"}). */
    double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String series = e.getKey();
            if (series.equals(name) || series.startsWith(name + "{")) {
                boolean all = true;
                for (String label : labels) {
                    all &= series.contains(label);
                }
                total += all ? e.getValue() : 0;
            }
        }
        return total;
    }

    String text() {
        return text;
    }

    /** The family a sample belongs to: itself, or its name without a counter's or a histogram's suffix. */
    private String family(String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_total", "_bucket", "_count", "_sum", "_created"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }
}
