package org.smsconsole.web.sandbox.engine;

import java.util.List;
import org.smsconsole.sinch.Paging;

/**
 * One page of a list as Sinch pages it: 0-based {@code page}, {@code page_size} at most 100
 * (30 by default), {@code count} the total matches, and the answer's {@code page_size} the
 * number of items on this page.
 */
public record Slice<T>(int count, int page, List<T> items) {

    public int pageSize() {
        return items.size();
    }

    /** @param all every match, newest first */
    static <T> Slice<T> of(List<T> all, Integer page, Integer pageSize) {
        int p = page == null ? 0 : page;
        int size = pageSize == null ? Paging.DEFAULT_PAGE_SIZE : pageSize;
        if (p < 0) {
            throw SandboxException.constraint("page must be 0 or more, was " + p);
        }
        if (size < 1 || size > Paging.MAX_PAGE_SIZE) {
            throw SandboxException.constraint("page_size must be 1 to " + Paging.MAX_PAGE_SIZE + ", was " + size);
        }
        long from = (long) p * size;
        List<T> items = from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + size));
        return new Slice<>(all.size(), p, List.copyOf(items));
    }
}
