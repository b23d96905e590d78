package org.smsconsole.web.api.sending;

import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.web.api.Paging;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Query parameters read as text, so that {@code page=abc} is a 400 naming {@code page}
 * (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
final class QueryValues {

    static final int DEFAULT_PAGE_SIZE = 30;

    private QueryValues() {
    }

    static Paging paging(String page, String pageSize) {
        return Paging.of(number("page", page, 0), number("page_size", pageSize, DEFAULT_PAGE_SIZE));
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

    private static int number(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a whole number");
        }
    }
}
