package org.smsconsole.web.api;

import org.smsconsole.validation.InvalidInputException;

/** Sinch-style paging: {@code page} from 0, {@code page_size} 1 to 100. */
public record Paging(int first, int size) {

    public static final int MAX_PAGE_SIZE = 100;

    public static Paging of(int page, int pageSize) {
        if (page < 0) {
            throw new InvalidInputException("page", "page starts at 0");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page_size", "page_size is 1 to " + MAX_PAGE_SIZE);
        }
        try {
            return new Paging(Math.multiplyExact(page, pageSize), pageSize);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("page", "page is too large");
        }
    }
}
