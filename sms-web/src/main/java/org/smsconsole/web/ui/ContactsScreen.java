package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.StreamedContent;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactCount;
import org.smsconsole.contact.ContactExport;
import org.smsconsole.contact.ContactPrivacy;
import org.smsconsole.contact.ContactQuery;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The contact list: search (text, attribute, group), page, add, edit, consent, bulk group changes and deletes, export. */
@Named
@ViewScoped
public class ContactsScreen implements Serializable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    transient Contacts contacts;

    @Inject
    transient Groups groups;

    @Inject
    transient SecurityContext securityContext;

    @Inject
    transient ContactPrivacy privacy;

    @Inject
    transient ConsoleSettings settings;

    private String search;
    private String attributeName;
    private String attributeValue;
    private Long groupId;
    private ContactForm form = new ContactForm();
    private ContactLazyModel model;
    private List<ContactView> selected = new ArrayList<>();
    private boolean allMatching;
    private Long bulkGroupId;

    @PostConstruct
    void init() {
        String group = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("group");
        if (group != null && group.matches("[0-9]{1,18}")) {
            groupId = Long.valueOf(group);
            bulkGroupId = groupId;
        }
        model = new ContactLazyModel(contacts, this::query);
    }

    ContactQuery query() {
        return new ContactQuery(search, attributeName, attributeValue, groupId);
    }

    public boolean isMayEdit() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public void searchChanged() {
        // the table re-reads its first page with the new search; a selection made under another search goes
        selected = new ArrayList<>();
        allMatching = false;
    }

    public void startAdd() {
        form = new ContactForm();
    }

    public void startEdit(ContactView contact) {
        form = ContactForm.of(contacts.get(contact.id()));
    }

    public boolean isEditing() {
        return form.getId() != null;
    }

    public void save() {
        requireOperator();
        try {
            if (form.getConsentReason() != null && form.getConsentReason().length() > 500) {
                throw new InvalidInputException("consent_reason", "A reason has at most 500 characters");
            }
            ContactView saved = form.getId() == null
                    ? contacts.add(form.details())
                    : contacts.change(form.getId(), form.details());
            saved = contacts.consent(saved.id(), form.getConsent(), "operator", form.getConsentReason());
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

    /** A JSON copy of everything held about one person (their right of access). */
    public StreamedContent personalData(ContactView contact) {
        requireOperator();
        byte[] json = privacy.export(contact.id()).toString()
                .getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().name("contact-" + contact.id() + ".json").contentType("application/json")
                .stream(() -> new java.io.ByteArrayInputStream(json)).build();
    }

    /** Erases a contact for good, with its number in the history (their right to erasure). */
    public void erase(ContactView contact) {
        requireOperator();
        try {
            privacy.erase(contact.id());
            Messages.info("Erased contact " + contact.id() + " for good");
        } catch (NotFoundException e) {
            Messages.info("That contact was already deleted.");
        }
    }

    public void addToGroup() {
        bulk(true);
    }

    public void removeFromGroup() {
        bulk(false);
    }

    private void bulk(boolean add) {
        requireOperator();
        if (bulkGroupId == null) {
            Messages.error("Choose a group first.");
            return;
        }
        try {
            GroupView group = groups.get(bulkGroupId);
            int n;
            if (allMatching) {
                n = add ? groups.addMatching(bulkGroupId, query()) : groups.removeMatching(bulkGroupId, query());
            } else if (selected.isEmpty()) {
                Messages.error("Select contacts first, or tick \"all matching\".");
                return;
            } else {
                List<Long> ids = selectedIds();
                n = add ? groups.addMembers(bulkGroupId, ids) : groups.removeMembers(bulkGroupId, ids);
            }
            Messages.info((add ? "Added " + n + " contacts to " : "Removed " + n + " contacts from ") + group.name());
            clearSelection();
        } catch (NotFoundException | InvalidInputException e) {
            Messages.error(e.getMessage());
        }
    }

    public void deleteSelected() {
        requireOperator();
        int n;
        if (allMatching) {
            n = contacts.removeMatching(query());
        } else {
            n = contacts.removeAll(selectedIds());
        }
        Messages.info("Deleted " + n + " contacts");
        clearSelection();
    }

    private List<Long> selectedIds() {
        return selected.stream().filter(java.util.Objects::nonNull).map(ContactView::id).toList();
    }

    private void clearSelection() {
        selected = new ArrayList<>();
        allMatching = false;
    }

    /** How many the bulk actions would touch, in words. */
    public String getSelectionSummary() {
        if (allMatching) {
            return "All " + model.lastCount().describe() + " matching contacts";
        }
        return selected.size() + " selected";
    }

    /** The CSV of the current search, streamed from a database cursor as the browser downloads it. */
    public StreamedContent getExport() {
        ContactQuery query = query();
        return DefaultStreamedContent.builder().name("contacts.csv").contentType("text/csv; charset=UTF-8")
                .writer(out -> CDI.current().select(ContactExport.class).get()
                        .write(query, new OutputStreamWriter(out, StandardCharsets.UTF_8)))
                .build();
    }

    /** "1–25 of 61", "… of more than 10,000", "… of about 1,000,000". */
    public String getPageReport() {
        ContactCount count = model.lastCount();
        return "{startRecord}–{endRecord} of " + (count.exact() ? "{totalRecords}" : count.describe());
    }

    private void requireOperator() {
        if (!isMayEdit()) {
            throw new SecurityException("Only operators may change contacts");
        }
    }

    public String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    public List<GroupView> getGroups() {
        return groups.list();
    }

    public Consent[] getConsents() {
        return Consent.values();
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

    public String getAttributeName() {
        return attributeName;
    }

    public void setAttributeName(String attributeName) {
        this.attributeName = attributeName;
    }

    public String getAttributeValue() {
        return attributeValue;
    }

    public void setAttributeValue(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }

    public List<ContactView> getSelected() {
        return selected;
    }

    public void setSelected(List<ContactView> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public boolean isAllMatching() {
        return allMatching;
    }

    public void setAllMatching(boolean allMatching) {
        this.allMatching = allMatching;
    }

    public Long getBulkGroupId() {
        return bulkGroupId;
    }

    public void setBulkGroupId(Long bulkGroupId) {
        this.bulkGroupId = bulkGroupId;
    }

    public ContactForm getForm() {
        return form;
    }

    public String getDefaultCountry() {
        return settings.defaultCountry();
    }
}
