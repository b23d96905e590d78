package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.config.ConsoleSettings;
import org.primefaces.model.LazyDataModel;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contact list: search, page, add, edit, delete. */
@Named
@ViewScoped
public class ContactsScreen implements Serializable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    transient Contacts contacts;

    @Inject
    transient SecurityContext securityContext;

    @Inject
    transient ConsoleSettings settings;

    private String search;
    private ContactForm form = new ContactForm();
    private LazyDataModel<ContactView> model;

    @PostConstruct
    void init() {
        model = new ContactLazyModel(contacts, () -> search);
    }

    public boolean isMayEdit() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public void searchChanged() {
        // the table re-reads its first page with the new search
    }

    public void startAdd() {
        form = new ContactForm();
    }

    public void startEdit(ContactView contact) {
        form = new ContactForm(contact.id(), contact.name(), contact.phoneDisplay());
    }

    public boolean isEditing() {
        return form.getId() != null;
    }

    public void save() {
        requireOperator();
        try {
            ContactView saved = form.getId() == null
                    ? contacts.add(form.getName(), form.getPhone())
                    : contacts.change(form.getId(), form.getName(), form.getPhone());
            Messages.info((form.getId() == null ? "Added " : "Saved ") + saved.phoneDisplay());
            form = new ContactForm();
        } catch (InvalidInputException e) {
            Messages.fieldError("contactDialogForm", e);
        } catch (NotFoundException e) {
            Messages.error("That contact was deleted meanwhile.");
        }
    }

    public void delete(ContactView contact) {
        requireOperator();
        try {
            contacts.remove(contact.id());
            Messages.info("Deleted " + contact.phoneDisplay());
        } catch (NotFoundException e) {
            Messages.info("That contact was already deleted.");
        }
    }

    private void requireOperator() {
        if (!isMayEdit()) {
            throw new SecurityException("Only operators may change contacts");
        }
    }

    public String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    public LazyDataModel<ContactView> getContacts() {
        return model;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public ContactForm getForm() {
        return form;
    }

    public String getDefaultCountry() {
        return settings.defaultCountry();
    }
}
