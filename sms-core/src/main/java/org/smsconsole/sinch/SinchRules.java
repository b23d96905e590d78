package org.smsconsole.sinch;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sinch's request rules as small checks that name the failing field. Shared by the
 * resource validators (and usable by the sandbox, which must refuse the same things).
 */
public final class SinchRules {
    private static final Pattern PARAMETER_KEY = Pattern.compile("[A-Za-z0-9._-]+");

    private SinchRules() {
    }

    public static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new SinchValidationException(field, message);
        }
    }

    public static void maxLength(String field, String value, int max) {
        require(value == null || value.length() <= max, field, "at most " + max + " characters, was " + (value == null ? 0 : value.length()));
    }

    public static void range(String field, Integer value, int min, int max) {
        require(value == null || (value >= min && value <= max), field, "must be " + min + " to " + max + ", was " + value);
    }

    /** A number libphonenumber calls possible, in any form Sinch accepts. */
    public static void msisdn(String field, String value) {
        require(value != null && Msisdn.isPossible(value), field, "not a possible international number: '" + value + "'");
    }

    /** Each entry a possible MSISDN or a group id. */
    public static void recipients(String field, List<String> values, int min, int max) {
        int size = values == null ? 0 : values.size();
        require(size >= min && size <= max, field, min == max ? "exactly " + min + " entries" : min + " to " + max + " entries, was " + size);
        for (int i = 0; i < size; i++) {
            String value = values.get(i);
            if (value == null || !Msisdn.isGroupId(value)) {
                msisdn(field + "[" + i + "]", value);
            }
        }
    }

    public static void msisdns(String field, Collection<String> values, int max) {
        int size = values == null ? 0 : values.size();
        require(size <= max, field, "at most " + max + " entries, was " + size);
        int i = 0;
        for (String value : values == null ? List.<String>of() : values) {
            msisdn(field + "[" + i++ + "]", value);
        }
    }

    public static void groupIds(String field, Collection<String> values, int max) {
        int size = values == null ? 0 : values.size();
        require(size <= max, field, "at most " + max + " entries, was " + size);
        int i = 0;
        for (String value : values == null ? List.<String>of() : values) {
            groupId(field + "[" + i++ + "]", value);
        }
    }

    public static void groupId(String field, String value) {
        require(value == null || Msisdn.isGroupId(value), field, "not a Sinch id: '" + value + "'");
    }

    /** An absolute http(s) URL, at most 2048 characters. */
    public static void url(String field, String value) {
        if (value == null) {
            return;
        }
        maxLength(field, value, 2048);
        boolean ok;
        try {
            URI uri = URI.create(value);
            ok = uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        require(ok, field, "not an absolute http(s) URL: '" + value + "'");
    }

    /** Keys {@code [A-Za-z0-9._-]}, values at most 160 characters (2021 guide). */
    public static void parameters(String field, Map<String, Map<String, String>> parameters) {
        if (parameters == null) {
            return;
        }
        parameters.forEach((name, values) -> {
            String key = field + "." + name;
            require(name != null && PARAMETER_KEY.matcher(name).matches(), key, "parameter names use only A-Z a-z 0-9 . _ -");
            require(values != null && !values.isEmpty(), key, "needs a value per recipient or a default");
            values.forEach((recipient, value) -> {
                require(value != null, key + "." + recipient, "value is null");
                maxLength(key + "." + recipient, value, 160);
            });
        });
    }

    public static void id(String field, String value) {
        require(value != null && !value.isBlank(), field, "is required");
    }
}
