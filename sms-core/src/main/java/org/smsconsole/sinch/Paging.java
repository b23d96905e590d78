package org.smsconsole.sinch;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks every page of a Sinch list lazily: a page is fetched only when the previous one is
 * used up. Stops at an empty page, a page shorter than asked for, or once {@code count}
 * items were seen (which saves the final empty request).
 */
public final class Paging {
    public static final int DEFAULT_PAGE_SIZE = 30;
    public static final int MAX_PAGE_SIZE = 100;

    private Paging() {
    }

    /** @param fetch fetches page {@code n} (0-based) with {@code pageSize} items asked for */
    public static <T> Stream<T> stream(IntFunction<? extends Page<T>> fetch, int pageSize) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                iterator(fetch, pageSize), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    public static <T> Iterator<T> iterator(IntFunction<? extends Page<T>> fetch, int pageSize) {
        checkPageSize(pageSize);
        return new Iterator<>() {
            private int nextPage;
            private long seen;
            private boolean last;
            private Iterator<T> current = List.<T>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !last) {
                    Page<T> page = fetch.apply(nextPage++);
                    List<T> items = page.items();
                    seen += items.size();
                    last = items.isEmpty() || items.size() < pageSize
                            || (page.count() != null && seen >= page.count());
                    current = items.iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    public static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new SinchValidationException("page_size", "must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }
}
