package org.smsconsole.web.api;

import org.smsconsole.validation.InvalidInputException;

/**
 * Sinch-style paging: {@code page} from 0, {@code page_size} 1 to 100 (1,000 for the audience lists). The one place every API list reads its paging
 * query parameters: as text (so {@code page=abc} is a 400 naming {@code page}, where JAX-RS would answer 404 for a
 * number it cannot convert), and bounded so that the first row, {@code page * page_size}, is a valid offset
 * ({@code page=2147483647&page_size=100} is a 400, not an overflow to a negative offset and a 500).
 */
public record Paging(int first, int size, int page) {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 30;

    /** Reads {@code page} and {@code page_size} as sent; absent ones are page 0 and {@code defaultSize}. */
    public static Paging parse(String page, String pageSize, int defaultSize, int maxSize) {
        return of(number("page", page, 0), number("page_size", pageSize, defaultSize), maxSize);
    }

    public static Paging parse(String page, String pageSize) {
        return parse(page, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    static Paging of(long page, long pageSize, int maxSize) {
        if (page < 0) {
            throw new InvalidInputException("page", "page starts at 0");
        }
        if (pageSize < 1 || pageSize > maxSize) {
            throw new InvalidInputException("page_size", "page_size is 1 to " + maxSize);
        }
        long first = page * pageSize; // both fit an int, so the product fits a long
        if (first > Integer.MAX_VALUE) {
            throw new InvalidInputException("page", "page is too large: page × page_size must stay under " + Integer.MAX_VALUE);
        }
        return new Paging((int) first, (int) pageSize, (int) page);
    }

    private static long number(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                throw new InvalidInputException(name, name + " is too large");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " must be a whole number");
        }
    }
}
