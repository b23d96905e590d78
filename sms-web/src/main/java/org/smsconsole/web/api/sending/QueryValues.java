package org.smsconsole.web.api.sending;

import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.web.api.Paging;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Query parameters read as text, so that {@code state=x} is a 400 naming {@code state}
 * (JAX-RS would answer 404 for a query parameter it cannot convert); paging is {@link Paging#parse}.
 */
final class QueryValues {

    private QueryValues() {
    }

    static Paging paging(String page, String pageSize) {
        return Paging.parse(page, pageSize);
    }

    /** An enum value in any case ({@code queued}, {@code QUEUED}), or null when absent. */
    static <E extends Enum<E>> E state(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state", "state is one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
