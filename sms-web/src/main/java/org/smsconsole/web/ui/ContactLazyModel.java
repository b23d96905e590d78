package org.smsconsole.web.ui;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.smsconsole.contact.ContactCount;
import org.smsconsole.contact.ContactQuery;
import org.smsconsole.contact.ContactSort;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;

import java.util.List;
import java.util.Map;

/**
 * Feeds the contacts table one page at a time from the database. The count is cheap by design
 * (an estimate for the whole table, "more than N" for big searches), never a full count per click.
 */
class ContactLazyModel extends LazyDataModel<ContactView> {

    private final transient Contacts contacts;
    private final SerializableSupplier<ContactQuery> query;
    private ContactCount lastCount = new ContactCount(0, ContactCount.Kind.EXACT);

    interface SerializableSupplier<T> extends java.util.function.Supplier<T>, java.io.Serializable {
    }

    ContactLazyModel(Contacts contacts, SerializableSupplier<ContactQuery> query) {
        this.contacts = contacts;
        this.query = query;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        lastCount = contacts.countMatching(query.get());
        // one row past a "more than" cap lets the paginator go on a little; refine the search for the rest
        long rows = lastCount.value() + (lastCount.kind() == ContactCount.Kind.AT_LEAST ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, rows);
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
        return contacts.page(query.get(), lastCount, sort, ascending, first, pageSize);
    }

    ContactCount lastCount() {
        return lastCount;
    }

    @Override
    public String getRowKey(ContactView contact) {
        return String.valueOf(contact.id());
    }

    @Override
    public ContactView getRowData(String rowKey) {
        try {
            return contacts.get(Long.parseLong(rowKey));
        } catch (RuntimeException e) {
            return null; // deleted meanwhile
        }
    }
}
