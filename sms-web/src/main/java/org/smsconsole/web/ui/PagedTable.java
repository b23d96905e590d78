package org.smsconsole.web.ui;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A lazy table over a service's count and page methods, for lists with one fixed order and the
 * screen's own search box (not PrimeFaces filters, so the count is set on every load).
 */
final class PagedTable<T> extends LazyDataModel<T> {

    interface Counter extends Serializable {
        long count();
    }

    interface Pager<T> extends Serializable {
        List<T> page(int first, int size);
    }

    interface Key<T> extends Function<T, String>, Serializable {
    }

    private final Counter counter;
    private final Pager<T> pager;
    private final Key<T> key;

    PagedTable(Counter counter, Pager<T> pager, Key<T> key) {
        this.counter = counter;
        this.pager = pager;
        this.key = key;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, counter.count());
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        setRowCount(count(filterBy));
        return pager.page(first, pageSize);
    }

    @Override
    public String getRowKey(T row) {
        return key.apply(row);
    }
}
