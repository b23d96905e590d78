package org.smsconsole.web.ui;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.smsconsole.contact.ContactSort;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Feeds the contacts table one page at a time from the database. */
class ContactLazyModel extends LazyDataModel<ContactView> {

    private final transient Contacts contacts;
    private final Supplier<String> search;

    ContactLazyModel(Contacts contacts, Supplier<String> search) {
        this.contacts = contacts;
        this.search = search;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, contacts.count(search.get()));
    }

    @Override
    public List<ContactView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        ContactSort sort = ContactSort.NAME;
        boolean ascending = true;
        for (SortMeta meta : sortBy.values()) {
            sort = switch (meta.getField()) {
                case "phone" -> ContactSort.PHONE;
                case "createdAt" -> ContactSort.CREATED;
                default -> ContactSort.NAME;
            };
            ascending = meta.getOrder() != SortOrder.DESCENDING;
        }
        // Our search is not a PrimeFaces filter, so PrimeFaces would keep a stale count: set it here.
        setRowCount(count(filterBy));
        return contacts.page(search.get(), sort, ascending, first, pageSize);
    }

    @Override
    public String getRowKey(ContactView contact) {
        return String.valueOf(contact.id());
    }

    @Override
    public ContactView getRowData(String rowKey) {
        return contacts.get(Long.parseLong(rowKey));
    }
}
