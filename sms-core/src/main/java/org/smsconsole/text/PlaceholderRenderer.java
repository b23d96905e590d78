package org.smsconsole.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smsconsole.sinch.Msisdn;

/**
 * Renders {@code ${name}} the way Sinch does with a batch's {@code parameters}: the
 * recipient's own value, else the parameter's {@code default}; a recipient with neither is
 * not sent to (Sinch aborts it with code 405), here an {@link UnmatchedParameterException}.
 * A {@code ${name}} that is no parameter at all stays as written. Recipient keys match
 * as given or as normalised digits ({@code +46 70...} equals {@code 4670...}).
 */
public final class PlaceholderRenderer {
    public static final String DEFAULT = "default";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private PlaceholderRenderer() {
    }

    /** Names used in a body, in order, each once. */
    public static List<String> placeholders(String body) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            names.add(m.group(1));
        }
        return new ArrayList<>(names);
    }

    /** The parameters this recipient has no value (and no default) for. */
    public static List<String> missing(String body, Map<String, Map<String, String>> parameters, String recipient) {
        List<String> missing = new ArrayList<>();
        for (String name : placeholders(body)) {
            Map<String, String> values = parameters == null ? null : parameters.get(name);
            if (values != null && value(values, recipient) == null) {
                missing.add(name);
            }
        }
        return missing;
    }

    public static String render(String body, Map<String, Map<String, String>> parameters, String recipient) {
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder(body.length());
        while (m.find()) {
            String name = m.group(1);
            Map<String, String> values = parameters == null ? null : parameters.get(name);
            String replacement;
            if (values == null) {
                replacement = m.group();
            } else {
                replacement = value(values, recipient);
                if (replacement == null) {
                    throw new UnmatchedParameterException(name, recipient);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(Map<String, String> values, String recipient) {
        String own = values.get(recipient);
        if (own == null) {
            String digits = digits(recipient);
            own = values.entrySet().stream()
                    .filter(e -> !DEFAULT.equals(e.getKey()) && Objects.equals(digits(e.getKey()), digits))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return own != null ? own : values.get(DEFAULT);
    }

    private static String digits(String msisdn) {
        return Msisdn.normalizeLenient(msisdn);
    }

    /** A recipient with no value and no default for a parameter (Sinch: code 405, unmatched parameter). */
    public static final class UnmatchedParameterException extends RuntimeException {
        private final String parameter;
        private final String recipient;

        public UnmatchedParameterException(String parameter, String recipient) {
            super("No value and no default for ${" + parameter + "} for recipient " + recipient);
            this.parameter = parameter;
            this.recipient = recipient;
        }

        public String parameter() {
            return parameter;
        }

        public String recipient() {
            return recipient;
        }
    }
}
